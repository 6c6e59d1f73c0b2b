import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { invocationRecord } from '../support/invocation-records';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, readAllRaw, uniqueName, type RawRecord } from '../support/sdk';

const records = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: `user-${(from + i) % 29}`, data: JSON.stringify({ n: from + i, pad: 'p'.repeat(80) }) }));

const noticeFor = (stream: string, batch: RawRecord[]) =>
  invocationRecord({
    stream,
    shardId: batch[0]!.shardId,
    start: batch[0]!.sequenceNumber,
    end: batch.at(-1)!.sequenceNumber,
    batchSize: batch.length,
  });

/** Each record as key and data, sorted: the same multiset twice means each record once. */
const contents = (list: RawRecord[]) => list.map((r) => `${r.partitionKey} ${r.data.toString()}`).sort();

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('shardscope redrive --to on kinesalite', () => {
  let server: RunningKinesisServer;
  let client: ReturnType<typeof arrangeClient>;
  let proxy: FaultProxy;
  const folder = mkdtempSync(path.join(tmpdir(), 'redrive-copy-'));

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

  it('killed with SIGKILL mid-way and resumed: each record of the notices put back once, nothing else', async () => {
    const [source, target] = [uniqueName('failed'), uniqueName('redriven')];
    await createStream(client, source, 2);
    await createStream(client, target, 2);
    await put(client, source, records(0, 500));
    await put(client, source, records(500, 500));
    const stored = await readAllRaw(client, source);
    const [first, second] = [stored.filter((r) => r.shardId.endsWith('0')), stored.filter((r) => r.shardId.endsWith('1'))];
    // Two batches apart on one shard (the records between them are not put back) and most of the other shard.
    const batches = [first.slice(10, 200), first.slice(260, 400), second.slice(5, second.length - 5)];
    const wanted = batches.flat();
    expect(wanted.length).toBeGreaterThan(600);
    const notices = path.join(folder, `${source}.jsonl`);
    writeFileSync(notices, batches.map((batch) => JSON.stringify(noticeFor(source, batch))).join('\n'));
    const home = mkdtempSync(path.join(tmpdir(), 'shardscope-redrive-'));
    const args = ['redrive', '--from', notices, '--to', target, '--endpoint', proxy.endpoint, '--region', server.region, '--yes'];

    // The first chunk's call is held at the proxy: the redrive cannot know whether it landed.
    proxy.hold('PutRecords', 1);
    const child = spawnCli(args, { env: { SHARDSCOPE_HOME: home } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    await until(() => proxy.calls.some((c) => c.operation === 'PutRecords'), 'the first PutRecords call');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    expect(stderr).toContain(`3 notices in 3 ranges: ${wanted.length} records found, 0 expired`);
    proxy.release();
    await until(async () => (await readAllRaw(client, target)).length > 0, 'the held chunk to land');
    const landed = (await readAllRaw(client, target)).length;
    expect(landed).toBeLessThan(wanted.length);

    const again = await runCli(args, { env: { SHARDSCOPE_HOME: home } });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Carry it on with --resume, or start over with --restart.');

    const resumed = await runCli([...args, '--resume', '--json'], { env: { SHARDSCOPE_HOME: home } });
    expect(resumed.code, resumed.stderr).toBe(0);
    // Other calls of the chunk may have landed beside the held one before the kill: all are found, none sent again.
    const summary = JSON.parse(resumed.stdout) as { alreadyWritten: number; written: number; outcome: string };
    expect(summary.outcome).toBe('completed');
    expect(summary.alreadyWritten).toBeGreaterThanOrEqual(landed);
    expect(summary.alreadyWritten + summary.written).toBe(wanted.length);
    expect(contents(await readAllRaw(client, target))).toEqual(contents(wanted));
  });

  it('puts the records back into the stream they failed in, and stops at the last', async () => {
    const stream = uniqueName('same');
    await createStream(client, stream, 1);
    await put(client, stream, records(0, 20));
    const stored = await readAllRaw(client, stream);
    const notices = path.join(folder, `${stream}.json`);
    writeFileSync(notices, JSON.stringify(noticeFor(stream, stored.slice(3, 8))));
    const result = await runCli([
      'redrive',
      '--from',
      notices,
      '--to',
      stream,
      '--json',
      '--yes',
      '--endpoint',
      server.endpoint,
      '--region',
      server.region,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 5, written: 5, outcome: 'completed' });
    const after = await readAllRaw(client, stream);
    expect(contents(after)).toEqual(contents([...stored, ...stored.slice(3, 8)]));
  });

  it('fixes each record with --map on the way, and a map that fails on one names it and writes nothing', async () => {
    const [source, target] = [uniqueName('unfixed'), uniqueName('fixed')];
    await createStream(client, source, 1);
    await createStream(client, target, 1);
    // The consumer failed on amounts sent as strings in cents.
    await put(
      client,
      source,
      Array.from({ length: 6 }, (_, n) => ({ key: `order-${n}`, data: JSON.stringify({ id: n, cents: String(n * 150) }) })),
    );
    const stored = await readAllRaw(client, source);
    const notices = path.join(folder, `${source}.json`);
    writeFileSync(notices, JSON.stringify(noticeFor(source, stored.slice(1, 5))));
    const redrive = (map: string) =>
      runCli([
        'redrive',
        '--from',
        notices,
        '--to',
        target,
        '--map',
        map,
        '--key-from',
        'orderId',
        '--json',
        '--yes',
        '--endpoint',
        server.endpoint,
        '--region',
        server.region,
      ]);

    const failing = await redrive('$number(cents) > 300 ? $error("too large") : {"orderId": "o-" & $string(id)}');
    expect(failing.code).not.toBe(0);
    expect(failing.stderr).toContain(
      `The map fails on the record ${stored[3]!.shardId} ${stored[3]!.sequenceNumber}: the mapping failed: too large.`,
    );
    expect(await readAllRaw(client, target)).toEqual([]);

    const fixed = await redrive('{"orderId": "o-" & $string(id), "amount": $number(cents) / 100}');
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain('each record is mapped on the way with {"orderId"');
    expect(JSON.parse(fixed.stdout)).toMatchObject({ read: 4, written: 4, outcome: 'completed' });
    // Read back with the bare SDK: the fixed JSON, keyed by the field the map made.
    expect((await readAllRaw(client, target)).map((r) => [r.partitionKey, JSON.parse(r.data.toString())])).toEqual(
      [1, 2, 3, 4].map((n) => [`o-${n}`, { orderId: `o-${n}`, amount: (n * 150) / 100 }]),
    );
  });
});
