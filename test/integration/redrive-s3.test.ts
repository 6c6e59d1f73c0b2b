import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { invocationRecord, s3DestinationKey, type BatchRecord } from '../support/invocation-records';
import { put } from '../support/reading';
import { S3_ENV, prefixUrl, startS3RunWorld, storeOf, type S3RunWorld } from '../support/s3-runs';
import { createStream, readAllRaw, uniqueName, type RawRecord } from '../support/sdk';

interface Printed {
  sequenceNumber: string;
  partitionKey: string;
  data: unknown;
}

/** The records as Kinesis stored them, in the shape of an S3 destination's payload. */
const asPayload = (batch: RawRecord[]): BatchRecord[] =>
  batch.map((r) => ({ sequenceNumber: r.sequenceNumber, partitionKey: r.partitionKey, data: r.data, arrival: new Date() }));

describe('shardscope redrive --from s3:// on kinesalite and a local S3', () => {
  let world: S3RunWorld;
  const mapping = randomUUID();

  /** Stores each notice as its own object, under the key Lambda gives it, and runs the redrive over the prefix. */
  async function redrive(notices: ReturnType<typeof invocationRecord>[], extra: string[] = []) {
    const prefix = uniqueName('failures');
    for (const notice of notices) {
      const key = s3DestinationKey(mapping, notice.KinesisBatchInfo.shardId, new Date(notice.timestamp), randomUUID());
      await storeOf(world, prefix).putNew(key, JSON.stringify(notice));
    }
    const result = await runCli(
      [
        'redrive',
        '--from',
        prefixUrl(prefix),
        '--json',
        '--endpoint',
        world.kinesis.endpoint,
        '--s3-endpoint',
        world.s3.endpoint,
        ...extra,
      ],
      { env: { ...S3_ENV, SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'shardscope-redrive-s3-')) } },
    );
    expect(result.code, result.stderr).toBe(0);
    const printed = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Printed);
    return { printed, stderr: result.stderr };
  }

  beforeAll(async () => {
    world = await startS3RunWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('reads from the stream the records it still holds, though the object carries them too', async () => {
    const stream = uniqueName('kept');
    await createStream(world.client, stream, 1);
    await put(
      world.client,
      stream,
      Array.from({ length: 8 }, (_, n) => ({ key: `k-${n}`, data: JSON.stringify({ n }) })),
    );
    const stored = await readAllRaw(world.client, stream);
    const batch = stored.slice(2, 6);
    // The payload says otherwise than the stream: what is printed shows which one was read.
    const payload = asPayload(batch).map((r) => ({ ...r, data: Buffer.from('{"from":"payload"}') }));
    const notice = invocationRecord({
      stream,
      shardId: batch[0]!.shardId,
      start: batch[0]!.sequenceNumber,
      end: batch.at(-1)!.sequenceNumber,
      batchSize: batch.length,
      payload,
    });
    const { printed, stderr } = await redrive([notice]);
    expect(printed.map((r) => [r.sequenceNumber, r.partitionKey, r.data])).toEqual(
      batch.map((r) => [r.sequenceNumber, r.partitionKey, JSON.parse(r.data.toString())]),
    );
    expect(stderr).toContain('1 notice in 1 range: 4 records found, 0 expired');
  });

  it('uses the payload for records retention took and for a stream that is gone, byte for byte', async () => {
    // kinesalite keeps records until its stream is deleted: sequence numbers below the shard's
    // first stand for records the trim horizon passed (as in redrive.test.ts).
    const stream = uniqueName('trimmed');
    await createStream(world.client, stream, 1);
    await put(world.client, stream, [
      { key: 'kept-0', data: '{"n":3}' },
      { key: 'kept-1', data: '{"n":4}' },
    ]);
    const stored = await readAllRaw(world.client, stream);
    const arrival = new Date(Date.now() - 60_000);
    const expired = ['11', '12', '13'].map((sequenceNumber, n) => ({
      sequenceNumber,
      partitionKey: `old-${n}`,
      data: Buffer.from(JSON.stringify({ n, note: 'only in the payload' })),
      arrival,
    }));
    const trimmed = invocationRecord({
      stream,
      shardId: stored[0]!.shardId,
      start: '11',
      end: stored[1]!.sequenceNumber,
      batchSize: 5,
      // The batch began before the records retention took and ended with those still kept.
      firstArrival: arrival,
      lastArrival: new Date(),
      payload: [...expired, ...asPayload(stored)],
    });
    const gone = uniqueName('gone');
    const lost = invocationRecord({
      stream: gone,
      shardId: 'shardId-000000000000',
      start: '21',
      end: '22',
      batchSize: 2,
      firstArrival: arrival,
      payload: ['21', '22'].map((sequenceNumber) => ({
        sequenceNumber,
        partitionKey: `gone-${sequenceNumber}`,
        data: Buffer.from(`{"gone":${sequenceNumber}}`),
        arrival,
      })),
    });
    const { printed, stderr } = await redrive([trimmed, lost]);
    const byStream = (list: Printed[], keys: string[]) => list.filter((r) => keys.includes(r.partitionKey));
    // The stream's own records first, then those only the payload holds.
    expect(
      byStream(printed, ['kept-0', 'kept-1', 'old-0', 'old-1', 'old-2']).map((r) => [r.sequenceNumber, r.partitionKey, r.data]),
    ).toEqual([
      [stored[0]!.sequenceNumber, 'kept-0', { n: 3 }],
      [stored[1]!.sequenceNumber, 'kept-1', { n: 4 }],
      ...expired.map((r) => [r.sequenceNumber, r.partitionKey, JSON.parse(r.data.toString())]),
    ]);
    expect(byStream(printed, ['gone-21', 'gone-22']).map((r) => [r.sequenceNumber, r.data])).toEqual([
      ['21', { gone: 21 }],
      ['22', { gone: 22 }],
    ]);
    expect(printed).toHaveLength(7);
    expect(stderr).toContain("2 notices in 1 range: 7 records found (5 from their notices' payloads), 0 expired");
    expect(stderr).toMatch(/: 3 of 5 from its payload \(no longer in the stream\)\n/);
    expect(stderr).toContain(`: 2 of 2 from its payload (no longer in the stream: the stream ${gone} is gone)`);
  });
});
