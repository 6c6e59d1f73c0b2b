import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const VALID_CARD = '4111111111111111';
const INVALID_CARD = '4111111111111112';
const records = [
  { customer: { email: 'ann@example.com' }, cards: [{ number: VALID_CARD }, { number: INVALID_CARD }], note: 'call ann' },
  { customer: { email: 'bob@example.com' }, cards: [[{ number: VALID_CARD }]], note: `pay ${VALID_CARD}` },
];

describe('masking through the CLI: rules per connection, --masking FILE, tail, search and a run', () => {
  let kinesis: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('masked');
  const home = mkdtempSync(path.join(tmpdir(), 'shardscope-masking-'));
  const env = { SHARDSCOPE_HOME: home };
  let flags: string[];
  const cli = (args: string[]) => runCli([...args, ...flags], { env });
  const file = (name: string, content: unknown) => {
    const where = path.join(home, name);
    writeFileSync(where, JSON.stringify(content));
    return where;
  };

  beforeAll(async () => {
    kinesis = await startKinesisServer('kinesalite');
    client = arrangeClient(kinesis);
    await createStream(client, stream, 1);
    await client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: records.map((record, at) => ({ PartitionKey: `k${at}`, Data: Buffer.from(JSON.stringify(record)) })),
      }),
    );
    flags = ['--endpoint', kinesis.endpoint, '--region', kinesis.region];
    const added = await cli(['mask', 'add', '--path', 'data.customer.email', '--action', 'redact']);
    expect(added.stderr).toBe('');
    await cli(['mask', 'add', '--detector', 'card', '--action', 'partial', '--stream', stream]);
    await cli(['mask', 'import', file('team.json', { rules: [{ pattern: 'call \\w+', action: 'redact', runs: false }] })]);
  });
  afterAll(async () => {
    client?.destroy();
    await kinesis?.stop();
  });

  it('lists the rules with ids, and tail --json prints no clear email or valid card', async () => {
    const listed = await cli(['mask', 'list', '--json']);
    expect(JSON.parse(listed.stdout).rules).toHaveLength(3);
    const tail = await cli(['tail', stream, '--from', 'oldest', '--until', 'caught-up', '--json']);
    expect(tail.code).toBe(0);
    expect(tail.stdout).not.toMatch(/ann@|bob@|4111111111111111|call ann/);
    const [first, second] = tail.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).data);
    expect(first).toEqual({ customer: { email: '***' }, cards: [{ number: '***1111' }, { number: INVALID_CARD }], note: '***' });
    expect(second.cards[0][0].number).toBe('***1111');
    expect(second.note).toBe('pay ***1111');
  });

  it('adds a --masking file for one command and reports a rule that masked nothing', async () => {
    const extra = file('extra.json', {
      rules: [
        { path: 'data.custmer.email', action: 'drop' },
        { path: 'data.note', action: 'drop' },
      ],
    });
    const tail = await cli(['tail', stream, '--from', 'oldest', '--until', 'caught-up', '--json', '--masking', extra]);
    expect(tail.stdout).not.toContain('"note"');
    expect(tail.stderr).toContain('data.custmer.email');
    expect(tail.stderr).toMatch(/masked nothing/);
    expect(tail.stderr).not.toMatch(/data\.note → drop.*masked nothing/);
  });

  it('refuses a bad rules file, naming the rule by its index', async () => {
    const bad = file('bad.json', {
      rules: [
        { detector: 'card', action: 'redact' },
        { path: 'customer.email', action: 'redact' },
      ],
    });
    const tail = await cli(['tail', stream, '--from', 'oldest', '--until', 'caught-up', '--masking', bad]);
    expect(tail.code).not.toBe(0);
    expect(tail.stderr).toContain('rules[1].path');
  });

  it('searches on clear values but prints the match masked', async () => {
    const found = await cli(['search', stream, '--from', 'oldest', '--where', 'data.customer.email == "ann@example.com"', '--json']);
    expect(found.code).toBe(0);
    const lines = found.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).data.customer.email).toBe('***');
  });

  it('masks a run, leaves runs: false rules out, and says which in run.json', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'shardscope-masked-run-'));
    const run = await cli(['ingest', stream, '--to', folder, '--from', 'oldest', '--until', 'caught-up']);
    expect(run.code).toBe(0);
    const rows = await duckdb(`SELECT data FROM read_json_auto('${folder}/*.jsonl*', format='newline_delimited')`);
    const text = JSON.stringify(rows);
    expect(rows).toHaveLength(2);
    expect(text).not.toMatch(/ann@|bob@|4111111111111111/);
    expect(text).toContain('call ann');
    const manifest = JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8'));
    expect(manifest.spec.masking.rules).toEqual([
      { path: 'data.customer.email', action: 'redact' },
      { detector: 'card', action: 'partial', stream },
    ]);
    expect(manifest.spec.masking.exempt).toEqual([{ pattern: 'call \\w+', action: 'redact', runs: false }]);
  });

  it('removes a rule by its id', async () => {
    const { rules } = JSON.parse((await cli(['mask', 'list', '--json'])).stdout) as { rules: { id: string; path?: string }[] };
    await cli(['mask', 'remove', rules.find((rule) => rule.path)!.id]);
    const tail = await cli(['tail', stream, '--from', 'oldest', '--until', 'caught-up', '--json']);
    expect(tail.stdout).toContain('ann@example.com');
    expect(tail.stdout).not.toContain(VALID_CARD);
  });
});
