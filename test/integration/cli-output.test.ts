import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { parse } from 'csv-parse/sync';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byArrival, putRoundRobin } from '../support/arrival';
import { runCli, spawnCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

const DATA = [
  JSON.stringify({ n: 0, note: 'a "quoted", comma\nand a second line' }),
  JSON.stringify({ n: 1, note: '東京 wide' }),
  JSON.stringify({ n: 2, note: 'plain' }),
  JSON.stringify({ n: 3, note: 'a \u001b[31mred\u001b[0m escape' }),
  'not json at all',
];

describe('tail and search --output and --query', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let jsonl: Record<string, unknown>[];
  const read = (...args: string[]) =>
    runCli(['tail', 'mixed', '--from', 'oldest', '--until', 'caught-up', ...args, '--endpoint', server.endpoint]);

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, 'mixed', 2);
    await putRoundRobin(client, 'mixed', DATA);
    const result = await read('--order', 'arrival', '--output', 'jsonl');
    expect(result.code, result.stderr).toBe(0);
    jsonl = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('jsonl holds every record; --json is the same output', async () => {
    expect(jsonl.map((r) => (r.encoding === 'json' ? JSON.stringify(r.data) : r.data))).toEqual(
      (await byArrival(client, 'mixed')).map((r) => r.data),
    );
    const alias = await read('--order', 'arrival', '--json');
    expect(
      alias.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(jsonl);
  });

  it('json is one array document of the same objects, and [] when nothing matches', async () => {
    const result = await read('--order', 'arrival', '--output', 'json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(jsonl);
    const none = await runCli([
      'search',
      'mixed',
      '--from',
      'oldest',
      '--where',
      'false',
      '--output',
      'json',
      '--endpoint',
      server.endpoint,
    ]);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('json stays a valid array when a following tail is interrupted', async () => {
    const child = spawnCli(['tail', 'mixed', '--from', 'oldest', '--output', 'json', '--endpoint', server.endpoint]);
    let stdout = '';
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if ((stdout.match(/"shardId"/g) ?? []).length === DATA.length) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect((JSON.parse(stdout) as unknown[]).length).toBe(DATA.length);
  });

  it('csv has a header and quotes fields so they parse back exactly', async () => {
    const result = await read('--order', 'arrival', '--output', 'csv');
    expect(result.code, result.stderr).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'arrivalTime',
      'shardId',
      'sequenceNumber',
      'subSequenceNumber',
      'partitionKey',
      'size',
      'compression',
      'encoding',
      'data',
    ]);
    expect(rows.map((r) => r.sequenceNumber)).toEqual(jsonl.map((r) => r.sequenceNumber));
    expect(JSON.parse(rows[0]!.data!)).toEqual({ n: 0, note: 'a "quoted", comma\nand a second line' });
    expect(rows[4]!.data).toBe('not json at all');
  });

  it('table aligns its columns, one line per record, with controls shown as escapes', async () => {
    const result = await read('--order', 'arrival', '--output', 'table');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + DATA.length);
    expect(lines[0]).toMatch(/^arrivalTime\s+shardId\s+sequenceNumber\s+partitionKey\s+data$/);
    const column = lines[0]!.indexOf('shardId');
    for (const line of lines.slice(2)) expect(line.indexOf('shardId-')).toBe(column);
    expect(result.stdout).not.toContain('\u001b');
    expect(lines[2 + 3]).toContain('\\u001b[31mred');

    // Query columns: a wide character takes two cells, and the next column still lines up.
    const picked = await read('--order', 'arrival', '--query', '{"note": data.note, "n": data.n}', '--output', 'table');
    const rows = picked.stdout.trimEnd().split('\n');
    const nAt = stringWidth(rows[0]!.slice(0, rows[0]!.indexOf(' n')));
    for (const row of rows.slice(2, 6)) expect(stringWidth(row.slice(0, row.search(/ \d$/)))).toBe(nAt);
    expect(rows[2 + 3]).toContain('\\x1b[31mred');
    expect(rows[2]).toContain('comma and a second line');
  });

  it('--query picks fields from each record, in every output', async () => {
    const query = ['--query', '{"key": partitionKey, "n": data.n}'];
    const lines = await read('--order', 'arrival', ...query, '--output', 'jsonl');
    expect(
      lines.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(jsonl.map((r) => ({ key: r.partitionKey, ...(typeof r.data === 'object' ? { n: (r.data as { n: number }).n } : {}) })));
    const csv = await read('--order', 'arrival', ...query, '--output', 'csv');
    expect(parse(csv.stdout)).toEqual([
      ['key', 'n'],
      ...jsonl.map((r) => [r.partitionKey, typeof r.data === 'object' ? String((r.data as { n: number }).n) : '']),
    ]);
    const search = await runCli([
      'search',
      'mixed',
      '--from',
      'oldest',
      '--where',
      'data.n == 2',
      '--query',
      'data.note',
      '--endpoint',
      server.endpoint,
    ]);
    expect(search.stdout).toBe('"plain"\n');
  });

  it('--query that does not compile is reported with its position before anything is read', async () => {
    const result = await runCli(['tail', 'no-such-stream', '--query', 'data.(n', '--endpoint', server.endpoint]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--query is not a JSONata expression at character \d+/);
    expect(result.stderr).not.toMatch(/no-such-stream/);
    expect(result.stdout).toBe('');
  });

  it('a record --query fails on is left out and counted on stderr', async () => {
    const result = await read('--order', 'arrival', '--query', '$number(data.note) + 1', '--output', 'jsonl');
    expect(result.code, result.stderr).toBe(0);
    // The text record has no data.note: nothing is found, which is null, not a failure.
    expect(result.stdout).toBe('null\n');
    expect(result.stderr).toMatch(/--query failed on 4 records, left out \(first: shardId-\d+\/\d+: .*cast/);
  });

  it('--json with another --output says which to drop', async () => {
    const result = await read('--json', '--output', 'csv');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--json is --output jsonl: drop one of --json and --output csv/);
  });
});
