import { createHash } from 'node:crypto';
import { PutRecordCommand, PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { Shard } from '../../shared/contract';
import { referenceAggregate } from './kpl-reference';

/** One user record as the test wrote it, with where Kinesis (or the KPL) routes it. */
export interface WrittenRecord {
  partitionKey: string;
  explicitHashKey: string | null;
  hashKey: bigint;
  /** As Kinesis counts it against a shard: the data and the partition key. */
  bytes: number;
}

const md5 = (key: string) => BigInt(`0x${createHash('md5').update(key).digest('hex')}`);
const SPACE = 2n ** 128n;

/** Key k of a Zipf tail with exponent 0.5: 12/√k records, one at least. */
const zipfCount = (k: number) => Math.max(1, Math.round(12 / Math.sqrt(k)));

export interface SkewedWindow {
  records: WrittenRecord[];
  /** Kinesis records put: each plain record and each aggregate once. */
  kinesisRecords: number;
  hotKey: string;
}

const copiesOf = (key: string) => (Number(key.slice('ehk-'.length)) % 75 === 0 ? 15 : 1);

/** Waits for the start of the next second, so that a burst lands within one. */
async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000)));
}

/**
 * A window with known skew: a Zipf tail of plain keys, KPL aggregates of user records routed by
 * explicit hash keys spread over the whole key space, and one key that carries 40 % of all
 * bytes, put in one burst at the start of a second.
 */
export async function produceSkewedWindow(client: KinesisClient, stream: string, shards: readonly Shard[]): Promise<SkewedWindow> {
  const data = (n: number) => Buffer.alloc(n, 'x');
  const records: WrittenRecord[] = [];
  const plain: { PartitionKey: string; Data: Buffer }[] = [];
  for (let k = 1; k <= 1_500; k++) {
    const key = `user-${k}`;
    for (let i = 0; i < zipfCount(k); i++) {
      plain.push({ PartitionKey: key, Data: data(150) });
      records.push({ partitionKey: key, explicitHashKey: null, hashKey: md5(key), bytes: 150 + key.length });
    }
  }
  // The tail a call a second, so that its shards stay cold: a merge of two of them stays under half the limits.
  for (let i = 0; i < plain.length; i += 500) {
    await nextSecond();
    await client.send(new PutRecordsCommand({ StreamName: stream, Records: plain.slice(i, i + 500) }));
  }
  let kinesisRecords = plain.length;
  // KPL user records routed by explicit hash keys, aggregated per shard as the KPL does.
  for (const shard of shards.filter((s) => s.open)) {
    const [start, end] = [BigInt(shard.hashKeyRange.start), BigInt(shard.hashKeyRange.end)];
    const users = Array.from({ length: 300 }, (_, j) => ({ key: `ehk-${j}`, hash: (SPACE * BigInt(2 * j + 1)) / 600n })).filter(
      (u) => u.hash >= start && u.hash <= end,
    );
    if (users.length === 0) continue;
    const aggregate = referenceAggregate({
      partition_key_table: users.map((u) => u.key),
      explicit_hash_key_table: users.map((u) => u.hash.toString()),
      // The first key of every 75 (one a shard) has 15 user records: heavy enough to be among each shard's top keys.
      records: users.flatMap((u, index) =>
        Array.from({ length: copiesOf(u.key) }, () => ({ partition_key_index: index, explicit_hash_key_index: index, data: data(150) })),
      ),
    });
    await client.send(
      new PutRecordCommand({ StreamName: stream, PartitionKey: users[0]!.key, ExplicitHashKey: start.toString(), Data: aggregate }),
    );
    kinesisRecords += 1;
    for (const u of users)
      for (let copy = 0; copy < copiesOf(u.key); copy++)
        records.push({ partitionKey: u.key, explicitHashKey: u.hash.toString(), hashKey: u.hash, bytes: 150 + u.key.length });
  }
  // The hot key: 40 % of all bytes once it is written, in 1,000 records put together.
  const hotKey = 'hot';
  const others = records.reduce((sum, r) => sum + r.bytes, 0);
  const each = Math.round((others * (0.4 / 0.6)) / 1_000) - hotKey.length;
  await nextSecond();
  for (let i = 0; i < 2; i++)
    await client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: Array.from({ length: 500 }, () => ({ PartitionKey: hotKey, Data: data(each) })),
      }),
    );
  for (let i = 0; i < 1_000; i++)
    records.push({ partitionKey: hotKey, explicitHashKey: null, hashKey: md5(hotKey), bytes: each + hotKey.length });
  return { records, kinesisRecords: kinesisRecords + 1_000, hotKey };
}
