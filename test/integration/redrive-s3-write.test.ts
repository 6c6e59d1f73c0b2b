import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_BUCKET } from '../../main/domain/sandbox/s3-server';
import { runCli, spawnCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { invocationRecord, s3DestinationKey, type BatchRecord } from '../support/invocation-records';
import { put } from '../support/reading';
import { S3_ENV, prefixUrl, startS3RunWorld, type S3RunWorld } from '../support/s3-runs';
import { createStream, readAllRaw, uniqueName, type RawRecord } from '../support/sdk';

const KEYS = 7;
const KEPT = 200;

/** A record as key, n and where it came from: the same list twice means each record once. */
const identity = (r: { partitionKey: string; data: Buffer }) => `${r.partitionKey} ${r.data.toString()}`;

/** Per key, the records' n in the order they were written: failed batches go back in the order they arrived. */
function orderPerKey(list: { partitionKey: string; data: Buffer }[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of list) (out[r.partitionKey] ??= []).push((JSON.parse(r.data.toString()) as { n: number }).n);
  return out;
}

describe('shardscope redrive from S3 payloads --to and --export, on kinesalite and a local S3', () => {
  let world: S3RunWorld;
  let proxy: FaultProxy;
  const home = mkdtempSync(path.join(tmpdir(), 'shardscope-redrive-s3-write-'));
  const env = { ...S3_ENV, SHARDSCOPE_HOME: home };

  /**
   * One failed batch whose first records retention took (kinesalite keeps records until the stream
   * is deleted: sequence numbers below the shard's first stand for them, as in redrive-s3.test.ts)
   * and whose last the stream still holds, stored as an S3 destination's object with the payload.
   */
  async function partlyExpired(
    expiredCount: number,
  ): Promise<{ stream: string; prefix: string; key: string; body: string; wanted: BatchRecord[] }> {
    const stream = uniqueName('partly');
    await createStream(world.client, stream, 1);
    const kept = Array.from({ length: KEPT }, (_, i) => ({
      key: `k-${(expiredCount + i) % KEYS}`,
      data: JSON.stringify({ n: expiredCount + i }),
    }));
    await put(world.client, stream, kept);
    const stored = await readAllRaw(world.client, stream);
    const arrival = new Date(Date.now() - 3_600_000);
    const expired: BatchRecord[] = Array.from({ length: expiredCount }, (_, n) => ({
      sequenceNumber: String(1_000 + n),
      partitionKey: `k-${n % KEYS}`,
      data: Buffer.from(JSON.stringify({ n })),
      arrival,
    }));
    const inStream = stored.map((r: RawRecord) => ({
      sequenceNumber: r.sequenceNumber,
      partitionKey: r.partitionKey,
      data: r.data,
      arrival,
    }));
    const wanted = [...expired, ...inStream];
    const notice = invocationRecord({
      stream,
      shardId: stored[0]!.shardId,
      start: expired[0]!.sequenceNumber,
      end: stored.at(-1)!.sequenceNumber,
      batchSize: wanted.length,
      firstArrival: arrival,
      lastArrival: new Date(),
      // The payload says otherwise than the stream for the records it still holds: the stream's are written.
      payload: [...expired, ...inStream.map((r) => ({ ...r, data: Buffer.from('{"from":"payload"}') }))],
    });
    const prefix = uniqueName('failures');
    const key = `${prefix}/${s3DestinationKey(randomUUID(), stored[0]!.shardId, new Date(notice.timestamp), randomUUID())}`;
    const body = JSON.stringify(notice);
    await world.s3Client.send(new PutObjectCommand({ Bucket: SANDBOX_BUCKET, Key: key, Body: body }));
    return { stream, prefix, key, body, wanted };
  }

  const redriveArgs = (prefix: string, endpoint: string, rest: string[]) => [
    'redrive',
    '--from',
    prefixUrl(prefix),
    '--endpoint',
    endpoint,
    '--s3-endpoint',
    world.s3.endpoint,
    ...rest,
  ];

  beforeAll(async () => {
    world = await startS3RunWorld();
    proxy = await startFaultProxy(world.kinesis.endpoint);
  });
  afterAll(async () => {
    await proxy?.close();
    await world?.stop();
  });

  it('puts back the records retention took from the payload, then those the stream holds: each once, in order per key', async () => {
    const { prefix, wanted } = await partlyExpired(320);
    const target = uniqueName('redriven');
    await createStream(world.client, target, 1);
    const result = await runCli(redriveArgs(prefix, world.kinesis.endpoint, ['--to', target, '--yes', '--json']), { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`1 notice in 1 range: ${wanted.length} records found (320 from their notices' payloads), 0 expired`);
    expect(result.stderr).not.toContain('not put back');
    expect(JSON.parse(result.stdout)).toMatchObject({ read: wanted.length, written: wanted.length, outcome: 'completed' });
    const landed = await readAllRaw(world.client, target);
    expect(landed.map(identity).sort()).toEqual(wanted.map((r) => identity(r)).sort());
    expect(orderPerKey(landed)).toEqual(orderPerKey(wanted));
  });

  it('killed with SIGKILL while writing payload records, refused while an object differs, then resumed: each record once', async () => {
    // Chunks of 500: the first two hold payload records only, the third the payload's last and the stream's.
    const { prefix, key, body, wanted } = await partlyExpired(1_100);
    const target = uniqueName('redriven');
    await createStream(world.client, target, 1);
    const args = redriveArgs(prefix, proxy.endpoint, ['--to', target, '--yes']);
    const puts = () => proxy.calls.filter((c) => c.operation === 'PutRecords').length;
    const child = spawnCli(args, { env });
    const closed = new Promise((resolve) => child.once('close', resolve));
    // A later chunk is held at the proxy once the first is in: the marks stand on a record only the payload held.
    await expect.poll(puts, { timeout: 30_000, interval: 5 }).toBeGreaterThan(0);
    proxy.hold('PutRecords', 1);
    await expect.poll(puts, { timeout: 30_000 }).toBeGreaterThan(1);
    child.kill('SIGKILL');
    await closed;
    proxy.release();
    await expect.poll(async () => (await readAllRaw(world.client, target)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const landed = (await readAllRaw(world.client, target)).length;
    expect(landed).toBeLessThan(wanted.length);
    const [copyFolder] = readdirSync(path.join(home, 'copies')).filter((name) => name.includes(target));
    const saved = JSON.parse(readFileSync(path.join(home, 'copies', copyFolder!, 'copy.json'), 'utf8')) as {
      shards: Record<string, { sequenceNumber: string }>;
    };
    expect(Object.values(saved.shards).map((mark) => BigInt(mark.sequenceNumber) < 10_000n)).toEqual([true]);

    // The object now holds other bytes for one record: carrying on would write records the redrive was not planned with.
    const changed = body.replace(Buffer.from('{"n":3}').toString('base64'), Buffer.from('{"n":-3}').toString('base64'));
    expect(changed).not.toBe(body);
    await world.s3Client.send(new PutObjectCommand({ Bucket: SANDBOX_BUCKET, Key: key, Body: changed }));
    const refused = await runCli([...args, '--resume'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`changed since this redrive began`);
    expect(refused.stderr).toContain(key);
    expect((await readAllRaw(world.client, target)).length).toBe(landed);

    await world.s3Client.send(new PutObjectCommand({ Bucket: SANDBOX_BUCKET, Key: key, Body: body }));
    const resumed = await runCli([...args, '--resume', '--json'], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout) as { alreadyWritten: number; written: number; outcome: string };
    expect(summary.outcome).toBe('completed');
    expect(summary.alreadyWritten + summary.written).toBe(wanted.length);
    const after = await readAllRaw(world.client, target);
    expect(after.map(identity).sort()).toEqual(wanted.map((r) => identity(r)).sort());
    expect(orderPerKey(after)).toEqual(orderPerKey(wanted));
  });

  it("exports to Parquet exactly the notice's records, those only the payload holds among them", async () => {
    const { prefix, wanted } = await partlyExpired(320);
    const to = mkdtempSync(path.join(tmpdir(), 'redrive-s3-export-'));
    const result = await runCli(redriveArgs(prefix, world.kinesis.endpoint, ['--export', to, '--format', 'parquet', '--json']), { env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ records: wanted.length, outcome: 'completed' });
    const rows = await duckdb(`SELECT sequenceNumber, partitionKey, n FROM read_parquet('${to}/part-*.parquet')`);
    // Kinesis sequence numbers outgrow DuckDB's integers: sorted here, as numbers.
    rows.sort((a, b) => (BigInt(String(a.sequenceNumber)) < BigInt(String(b.sequenceNumber)) ? -1 : 1));
    expect(rows.map((r) => `${String(r.sequenceNumber)} ${String(r.partitionKey)} ${String(r.n)}`)).toEqual(
      wanted.map((r) => `${r.sequenceNumber} ${r.partitionKey} ${(JSON.parse(r.data.toString()) as { n: number }).n}`),
    );
  });
  it("writes the records of a stream that is gone from its notices' payloads: each once, though two notices overlap", async () => {
    const gone = uniqueName('gone');
    const arrival = new Date(Date.now() - 7_200_000);
    const batch = (shard: string, from: number, count: number): BatchRecord[] =>
      Array.from({ length: count }, (_, i) => ({
        sequenceNumber: String(5_000 + from + i),
        partitionKey: `${shard}-${(from + i) % 3}`,
        data: Buffer.from(JSON.stringify({ n: from + i, shard })),
        arrival,
      }));
    const noticeOf = (shardId: string, records: BatchRecord[]) =>
      invocationRecord({
        stream: gone,
        shardId,
        start: records[0]!.sequenceNumber,
        end: records.at(-1)!.sequenceNumber,
        batchSize: records.length,
        firstArrival: arrival,
        payload: records,
      });
    const [first, second] = ['shardId-000000000000', 'shardId-000000000001'];
    const prefix = uniqueName('failures');
    // The second notice repeats the first's last ten records: a retried batch.
    const notices = [noticeOf(first, batch('a', 0, 40)), noticeOf(first, batch('a', 30, 30)), noticeOf(second, batch('b', 0, 25))];
    for (const notice of notices) {
      const key = `${prefix}/${s3DestinationKey(randomUUID(), notice.KinesisBatchInfo.shardId, new Date(notice.timestamp), randomUUID())}`;
      await world.s3Client.send(new PutObjectCommand({ Bucket: SANDBOX_BUCKET, Key: key, Body: JSON.stringify(notice) }));
    }
    const wanted = [...batch('a', 0, 60), ...batch('b', 0, 25)];
    const target = uniqueName('redriven');
    await createStream(world.client, target, 1);
    const copied = await runCli(redriveArgs(prefix, world.kinesis.endpoint, ['--to', target, '--yes', '--json']), { env });
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stderr).toContain(`the stream ${gone} is gone`);
    expect(copied.stderr).not.toContain('not put back');
    const landed = await readAllRaw(world.client, target);
    expect(landed.map(identity).sort()).toEqual(wanted.map((r) => identity(r)).sort());
    expect(orderPerKey(landed)).toEqual(orderPerKey(wanted));

    const to = mkdtempSync(path.join(tmpdir(), 'redrive-s3-gone-'));
    const exported = await runCli(redriveArgs(prefix, world.kinesis.endpoint, ['--export', to, '--format', 'jsonl', '--json']), { env });
    expect(exported.code, exported.stderr).toBe(0);
    const rows = await duckdb(`SELECT shardId, sequenceNumber, data.n AS n FROM read_json('${to}/part-*.jsonl')`);
    expect(rows.map((r) => `${String(r.shardId)} ${String(r.sequenceNumber)} ${String(r.n)}`).sort()).toEqual(
      wanted
        .map(
          (r) =>
            `${r.partitionKey.startsWith('a') ? first : second} ${r.sequenceNumber} ${(JSON.parse(r.data.toString()) as { n: number }).n}`,
        )
        .sort(),
    );
  });
});
