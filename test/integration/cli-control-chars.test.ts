import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { kcl2Item, leaseTable, startDynalite, type LocalDynamo } from '../support/lease-tables';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
// Every C0 control, DEL, every C1 control and every bidi mark, embedding, override and isolate.
const CONTROLS = [
  ...range(0x00, 0x1f),
  '\u007f',
  ...range(0x80, 0x9f),
  '\u061c',
  '\u200e',
  '\u200f',
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
].join('');
// Tab and newline are how output is laid out; every other control must arrive escaped.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = `evil${CONTROLS}end`;

function expectEscaped(what: string, result: CliResult, escapes: string[]) {
  const output = result.stdout + result.stderr;
  expect(RAW.exec(output)?.[0].charCodeAt(0).toString(16), `${what} printed a raw control`).toBeUndefined();
  for (const escape of escapes) expect(output, `${what} shows ${escape}`).toContain(escape);
}

const TEXT_ESCAPES = ['\\x1b', '\\x00', '\\x0d', '\\u007f', '\\u009b', '\\u202e', '\\u2066', '\\u061c'];

describe('control characters in records, keys, leases and AWS messages reach the terminal escaped', () => {
  let kinesis: RunningKinesisServer;
  let dynamo: LocalDynamo;
  let client: KinesisClient;
  let proxy: FaultProxy;
  const stream = uniqueName('controls');
  const table = uniqueName('controls-app');
  let flags: string[];

  beforeAll(async () => {
    [kinesis, dynamo] = await Promise.all([startKinesisServer('kinesalite'), startDynalite()]);
    client = arrangeClient(kinesis);
    await createStream(client, stream, 1);
    await client.send(
      new PutRecordCommand({ StreamName: stream, PartitionKey: HOSTILE, Data: Buffer.from(JSON.stringify({ v: HOSTILE })) }),
    );
    await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'plain', Data: Buffer.from(`text ${HOSTILE}`) }));
    await leaseTable(dynamo.client, table, [kcl2Item({ shardId: 'shardId-000000000000', owner: HOSTILE, checkpoint: 'LATEST' })]);
    proxy = await startFaultProxy(kinesis.endpoint);
    flags = ['--endpoint', proxy.endpoint, '--region', kinesis.region];
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.close();
    await Promise.all([kinesis?.stop(), dynamo?.stop()]);
  });

  it('tail and search, as text lines and as JSON that parses back to the very record', async () => {
    const read = ['--from', 'TRIM_HORIZON', ...flags];
    const tailText = await runCli(['tail', stream, '--limit', '2', ...read]);
    const searchText = await runCli(['search', stream, '--where', 'size > 0', ...read]);
    for (const [what, result] of [
      ['tail', tailText],
      ['search', searchText],
    ] as const) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim().split('\n'), what).toHaveLength(2);
      expectEscaped(what, result, TEXT_ESCAPES);
    }
    const tailJson = await runCli(['tail', stream, '--limit', '2', '--json', ...read]);
    const searchJson = await runCli(['search', stream, '--where', 'size > 0', '--json', ...read]);
    for (const [what, result] of [
      ['tail --json', tailJson],
      ['search --json', searchJson],
    ] as const) {
      expect(result.code, result.stderr).toBe(0);
      expectEscaped(what, result, ['\\u001b', '\\u009b', '\\u202e', '\\u2066', '\\u061c', '\\u200e']);
      const [json, text] = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(json).toMatchObject({ partitionKey: HOSTILE, data: { v: HOSTILE } });
      expect(text).toMatchObject({ partitionKey: 'plain' });
    }
  });

  it('consumers: lease owners and worker names, as a table and as JSON', async () => {
    const lease = [...flags, '--dynamodb-endpoint', dynamo.endpoint, '--lease-table', table];
    const text = await runCli(['consumers', stream, ...lease]);
    expect(text.code, text.stderr).toBe(0);
    expectEscaped('consumers', text, TEXT_ESCAPES);
    // The owner's newline is escaped too: its row stays one row, the checkpoint on the same line.
    const rows = text.stdout.split('\n').filter((line) => line.includes('shardId-000000000000') && line.includes('evil'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/evil\\x00.*end.*LATEST/);
    const json = await runCli(['consumers', stream, ...lease, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expectEscaped('consumers --json', json, ['\\u009b', '\\u202e']);
    const report = JSON.parse(json.stdout);
    expect(report.applications[0].shards[0].owner).toBe(HOSTILE);
    expect(report.applications[0].workers).toEqual([HOSTILE]);
  });

  it('streams, check and errors that quote AWS', async () => {
    const names = await runCli(['streams', ...flags]);
    expect(names.stdout).toContain(stream);
    expectEscaped('streams', names, []);

    proxy.inject('DescribeStreamSummary', 'AccessDeniedException', 1, `not allowed: ${HOSTILE}`);
    const refused = await runCli(['describe', stream, ...flags]);
    expect(refused.code).toBe(1);
    expectEscaped('describe refused', refused, TEXT_ESCAPES);

    proxy.inject('GetShardIterator', 'AccessDeniedException', 2, `not allowed: ${HOSTILE}`);
    const checked = await runCli(['check', stream, ...flags]);
    expect(checked.stdout).toContain('MISSING');
    expectEscaped('check', checked, TEXT_ESCAPES);
    proxy.clear();

    proxy.inject('GetShardIterator', 'AccessDeniedException', 2, `not allowed: ${HOSTILE}`);
    const checkedJson = await runCli(['check', stream, '--json', ...flags]);
    proxy.clear();
    expectEscaped('check --json', checkedJson, ['\\u009b', '\\u202e']);
    expect(JSON.stringify(JSON.parse(checkedJson.stdout))).toContain('not allowed');
  });
});
