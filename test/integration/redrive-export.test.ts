import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { invocationRecord } from '../support/invocation-records';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, readAllRaw, uniqueName, type RawRecord } from '../support/sdk';

const records = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    key: `user-${(from + i) % 29}`,
    data: JSON.stringify({ n: from + i, secret: `s-${from + i}` }),
  }));

const noticeFor = (stream: string, batch: RawRecord[]) =>
  invocationRecord({
    stream,
    shardId: batch[0]!.shardId,
    start: batch[0]!.sequenceNumber,
    end: batch.at(-1)!.sequenceNumber,
    batchSize: batch.length,
  });

/** Each record as shard, sequence number and n, sorted: the same list twice means each record once. */
const identities = (list: RawRecord[]) =>
  list.map((r) => `${r.shardId} ${r.sequenceNumber} ${(JSON.parse(r.data.toString()) as { n: number }).n}`).sort();

describe('shardscope redrive --export on kinesalite', () => {
  let server: RunningKinesisServer;
  let client: ReturnType<typeof arrangeClient>;
  let proxy: FaultProxy;
  const folder = mkdtempSync(path.join(tmpdir(), 'redrive-export-'));
  const home = mkdtempSync(path.join(tmpdir(), 'shardscope-redrive-export-'));

  /** Two batches apart on one shard (the records between them are left out) and most of the other. */
  async function failedBatches(): Promise<{ stream: string; notices: string; wanted: RawRecord[] }> {
    const stream = uniqueName('failed');
    await createStream(client, stream, 2);
    await put(client, stream, records(0, 300));
    const stored = await readAllRaw(client, stream);
    const [first, second] = [stored.filter((r) => r.shardId.endsWith('0')), stored.filter((r) => r.shardId.endsWith('1'))];
    const batches = [first.slice(5, 40), first.slice(60, 90), second.slice(3, second.length - 3)];
    const notices = path.join(folder, `${stream}.jsonl`);
    writeFileSync(notices, batches.map((batch) => JSON.stringify(noticeFor(stream, batch))).join('\n'));
    return { stream, notices, wanted: batches.flat() };
  }

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    proxy = await startFaultProxy(server.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.close();
    await server?.stop();
  });

  it("exports exactly the notices' records to Parquet, masked as runs are", async () => {
    const { notices, wanted } = await failedBatches();
    const rules = path.join(folder, 'rules.json');
    writeFileSync(rules, JSON.stringify({ rules: [{ path: 'data.secret', action: 'drop' }] }));
    const to = path.join(folder, 'parquet-out');
    const result = await runCli(
      [
        'redrive',
        '--from',
        notices,
        '--export',
        to,
        '--format',
        'parquet',
        '--masking',
        rules,
        '--json',
        '--endpoint',
        server.endpoint,
        '--region',
        server.region,
      ],
      { env: { SHARDSCOPE_HOME: home } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`3 notices in 3 ranges: ${wanted.length} records found, 0 expired`);
    expect(JSON.parse(result.stdout)).toMatchObject({ records: wanted.length, outcome: 'completed' });
    const glob = `read_parquet('${to}/part-*.parquet')`;
    const rows = await duckdb(`SELECT shardId, sequenceNumber, n FROM ${glob}`);
    expect(rows.map((r) => `${String(r.shardId)} ${String(r.sequenceNumber)} ${String(r.n)}`).sort()).toEqual(identities(wanted));
    const columns = (await duckdb(`DESCRIBE SELECT * FROM ${glob}`)).map((c) => c.column_name);
    expect(columns).toContain('n');
    expect(columns).not.toContain('secret');
    // run.json keeps the ranges, so a resume reads the same records.
    expect(JSON.parse(readFileSync(path.join(to, 'run.json'), 'utf8')).spec.ranges).toHaveLength(3);
  });

  it('stopped while a read is held and resumed: every record exported once, nothing else', async () => {
    const { notices, wanted } = await failedBatches();
    const to = path.join(folder, 'jsonl-out');
    const args = [
      'redrive',
      '--from',
      notices,
      '--export',
      to,
      '--format',
      'jsonl',
      '--endpoint',
      proxy.endpoint,
      '--region',
      server.region,
    ];
    const reads = () => proxy.calls.filter((c) => c.operation === 'GetRecords').length;
    let counted = reads();
    // The plan reads the ranges first: each read is held and let go until one is the run's (its run.json written).
    proxy.hold('GetRecords', 1);
    const child = spawnCli(args, { env: { SHARDSCOPE_HOME: home } });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    for (;;) {
      await expect.poll(reads, { timeout: 15_000 }).toBeGreaterThan(counted);
      counted = reads();
      if (existsSync(path.join(to, 'run.json'))) break;
      proxy.hold('GetRecords', 1);
      proxy.release();
    }
    child.kill('SIGINT');
    proxy.release();
    await exited;
    const stopped = JSON.parse(readFileSync(path.join(to, 'run.json'), 'utf8')) as { status: string };
    expect(stopped.status).toBe('stopped');

    const resumed = await runCli([...args, '--resume', '--json'], { env: { SHARDSCOPE_HOME: home } });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ outcome: 'completed' });
    const rows = await duckdb(`SELECT shardId, sequenceNumber, data.n AS n FROM read_json('${to}/part-*.jsonl')`);
    expect(rows.map((r) => `${String(r.shardId)} ${String(r.sequenceNumber)} ${String(r.n)}`).sort()).toEqual(identities(wanted));
  });
});
