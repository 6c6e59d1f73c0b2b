import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { invocationRecord } from '../support/invocation-records';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { startLocalSqs, type LocalSqs } from '../support/local-sqs';
import { put } from '../support/reading';
import { arrangeClient, createStream, readAllRaw, uniqueName, type RawRecord } from '../support/sdk';

const noticeFor = (stream: string, batch: RawRecord[]) =>
  JSON.stringify(
    invocationRecord({
      stream,
      shardId: batch[0]!.shardId,
      start: batch[0]!.sequenceNumber,
      end: batch.at(-1)!.sequenceNumber,
      batchSize: batch.length,
    }),
  );

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('shardscope redrive --from sqs:// on kinesalite and the SQS stand-in', () => {
  let server: RunningKinesisServer;
  let kinesis: ReturnType<typeof arrangeClient>;
  let proxy: FaultProxy;
  let sqs: LocalSqs;
  let queueClient: SQSClient;
  let stream: string;
  let batches: RawRecord[][];

  /** What a second reader of the queue receives now: the bodies visible, each hidden again only for a second. */
  const visibleBodies = async (queueUrl: string) =>
    (
      (await queueClient.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }))).Messages ??
      []
    ).map((m) => m.Body);
  const cli = (args: string[]) =>
    runCli(['redrive', ...args, '--endpoint', server.endpoint, '--region', server.region], {
      env: { SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'shardscope-sqs-')) },
    });

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    kinesis = arrangeClient(server);
    proxy = await startFaultProxy(server.endpoint);
    sqs = await startLocalSqs();
    queueClient = new SQSClient({
      region: 'us-east-1',
      endpoint: new URL(sqs.queueUrl('any')).origin,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    });
    stream = uniqueName('failed');
    await createStream(kinesis, stream, 1);
    await put(
      kinesis,
      stream,
      Array.from({ length: 60 }, (_, n) => ({ key: `k${n % 7}`, data: JSON.stringify({ n }) })),
    );
    const stored = await readAllRaw(kinesis, stream);
    batches = [stored.slice(0, 20), stored.slice(30, 40)];
  });
  afterAll(async () => {
    queueClient?.destroy();
    kinesis?.destroy();
    await sqs?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('--show prints the records, then deletes their messages and leaves a poison message with its reason', async () => {
    const queue = sqs.queueUrl('show');
    for (const batch of batches) sqs.send(queue, noticeFor(stream, batch));
    sqs.send(queue, '{"KinesisBatchInfo": {"shardId": "shardId-000000000000"}}');
    const poison = sqs.messages(queue)[2]!.id;
    const result = await cli(['--from', `sqs://${queue}`, '--output', 'jsonl']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(30);
    expect(result.stderr).toMatch(
      new RegExp(`message ${poison}: not a Kinesis invocation record \\(KinesisBatchInfo\\.\\w+: .*\\); left in the queue`),
    );
    expect(result.stderr).toContain('2 messages deleted from the queue');
    expect(sqs.messages(queue).map((m) => m.id)).toEqual([poison]);
    // Handed back at once, not hidden for the hold's hour.
    expect(await visibleBodies(queue)).toHaveLength(1);
  });

  it('a --to that fails deletes nothing and hands the messages back; one that completes deletes them', async () => {
    const queue = sqs.queueUrl('to');
    const notice = noticeFor(stream, batches[0]!);
    sqs.send(queue, notice);
    const failed = await cli(['--from', `sqs://${queue}`, '--to', uniqueName('missing'), '--yes']);
    expect(failed.code).not.toBe(0);
    expect(sqs.calls.filter((c) => c.operation === 'DeleteMessage' && c.body.QueueUrl === queue)).toEqual([]);
    expect(await visibleBodies(queue)).toEqual([notice]);

    const target = uniqueName('redriven');
    await createStream(kinesis, target, 1);
    const copied = await cli(['--from', `sqs://${queue}`, '--to', target, '--yes']);
    expect(copied.code, copied.stderr).toBe(0);
    expect((await readAllRaw(kinesis, target)).map((r) => r.data.toString())).toEqual(batches[0]!.map((r) => r.data.toString()));
    expect(copied.stderr).toContain('1 message deleted from the queue');
    expect(sqs.messages(queue)).toEqual([]);
  });

  it('--export deletes the messages once the run completed, the files holding their records', async () => {
    const queue = sqs.queueUrl('export');
    for (const batch of batches) sqs.send(queue, noticeFor(stream, batch));
    const to = mkdtempSync(path.join(tmpdir(), 'redrive-sqs-export-'));
    const result = await cli(['--from', `sqs://${queue}`, '--export', to, '--format', 'parquet']);
    expect(result.code, result.stderr).toBe(0);
    const rows = await duckdb(`SELECT sequenceNumber FROM read_parquet('${to}/part-*.parquet')`);
    expect(rows.map((r) => String(r.sequenceNumber)).sort()).toEqual(
      batches
        .flat()
        .map((r) => r.sequenceNumber)
        .sort(),
    );
    expect(sqs.messages(queue)).toEqual([]);
  });

  it('a read-only connection shows the records but leaves every message, saying why', async () => {
    const queue = sqs.queueUrl('read-only');
    sqs.send(queue, noticeFor(stream, batches[1]!));
    const result = await cli(['--from', `sqs://${queue}`, '--output', 'jsonl', '--read-only']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(10);
    expect(result.stderr).toMatch(/not deleted: .*read-only connection: Shardscope will not call DeleteMessage/);
    expect(result.stderr).toContain('1 message left in the queue');
    expect(await visibleBodies(queue)).toHaveLength(1);
  });

  it('a message being worked on is not received by a second reader', async () => {
    const queue = sqs.queueUrl('visibility');
    sqs.send(queue, noticeFor(stream, batches[0]!));
    proxy.hold('GetRecords', 1);
    const child = spawnCli(['redrive', '--from', `sqs://${queue}`, '--endpoint', proxy.endpoint, '--region', server.region], {
      env: { SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'shardscope-sqs-')) },
    });
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    await until(() => proxy.calls.some((c) => c.operation === 'GetRecords'), 'the redrive to read its range');
    expect(await visibleBodies(queue)).toEqual([]);
    expect(sqs.messages(queue)).toHaveLength(1);
    proxy.release();
    expect(await closed).toBe(0);
    expect(sqs.messages(queue)).toEqual([]);
  });
});
