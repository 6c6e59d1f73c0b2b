// Decoding a heavy page in main: the longest the event loop is held, decoding record by record
// with decodePage against a plain loop over the page (what a bare SDK consumer would write).
import { gzipSync } from 'node:zlib';
import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { decodePage } from '../main/domain/engine/decode/decode-page';
import { decodeRecord } from '../main/domain/engine/decode/record';
import { aggregateUserRecords } from '../main/domain/engine/kpl/aggregate';
import { lower, type BenchOutput } from './figures';

const MiB = 1024 * 1024;
const at = new Date();

async function pages({ jsonRecords, emptyRecords }: DecodeSize): Promise<[string, string, KinesisRecord[]][]> {
  const json = Array.from({ length: jsonRecords }, (_, i) => ({
    Data: Buffer.from(JSON.stringify({ order: i, status: 'PAID', items: [{ sku: `sku-${i}`, qty: 2 }], note: 'x'.repeat(900) })),
    PartitionKey: `k${i}`,
    SequenceNumber: String(i),
    ApproximateArrivalTimestamp: at,
  }));
  const bomb = gzipSync(Buffer.alloc(10 * MiB, 0x61));
  const [aggregate] = await aggregateUserRecords(Array.from({ length: 40 }, (_, i) => ({ partitionKey: `b${i}`, data: bomb })));
  const bombs = Array.from({ length: 10 }, (_, i) => ({
    Data: aggregate!.data,
    PartitionKey: 'b',
    SequenceNumber: String(i),
    ApproximateArrivalTimestamp: at,
  }));
  const kplPage = async (users: { partitionKey: string; data: Buffer }[]) => {
    const [packed] = await aggregateUserRecords(users);
    return Array.from({ length: 10 }, (_, i) => ({
      Data: packed!.data,
      PartitionKey: 'a',
      SequenceNumber: String(i),
      ApproximateArrivalTimestamp: at,
    }));
  };
  // About 1 MiB each: the decoder's own speed, without gzip or big JSON in the way.
  const orders = await kplPage(json.slice(0, 950).map((r) => ({ partitionKey: r.PartitionKey, data: Buffer.from(r.Data) })));
  // The most user records 1 MiB can hold (6 bytes each): past the cap, to be refused before any is built.
  const empties = await kplPage(Array.from({ length: emptyRecords }, () => ({ partitionKey: 'e', data: Buffer.alloc(0) })));
  const count = (n: number) => n.toLocaleString('en-US');
  return [
    ['json', `${count(jsonRecords)} JSON records of 1 KB (10,000 make the GetRecords maximum)`, json],
    ['gzip-bombs', '10 KPL aggregates of 40 gzip bombs (10 MiB each inflated)', bombs],
    ['kpl-json', '10 KPL aggregates of 950 JSON records of 1 KB', orders],
    ['kpl-empty', `10 KPL aggregates of ${count(emptyRecords)} empty records (174,000 fill 1 MiB)`, empties],
  ];
}

/** The longest gap between turns of a setImmediate loop while the work runs: how long nothing else could run. */
async function longestBlock(work: () => Promise<void> | void): Promise<{ maxMs: number; totalMs: number }> {
  let last = performance.now();
  let maxMs = 0;
  let running = true;
  const probe = () => {
    const now = performance.now();
    maxMs = Math.max(maxMs, now - last);
    last = now;
    if (running) setImmediate(probe);
  };
  setImmediate(probe);
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  await new Promise((resolve) => setImmediate(resolve));
  running = false;
  return { maxMs, totalMs };
}

export interface DecodeSize {
  /** Records of the JSON page; 10,000 is the most one GetRecords returns. */
  jsonRecords: number;
  /** Empty user records in each aggregate: 174,000 is the most 1 MiB holds, past the cap. */
  emptyRecords: number;
}

const PAGES = ['json', 'gzip-bombs', 'kpl-json', 'kpl-empty'];
export const decodeFigures = PAGES.flatMap((page) =>
  ['plain', 'decode-page'].flatMap((way) => [`${page}.${way}.longest-block`, `${page}.${way}.total`]),
);

export async function decodeBench(size: DecodeSize): Promise<BenchOutput> {
  const figures = [];
  for (const [id, label, page] of await pages(size)) {
    const whole = await longestBlock(() => {
      for (const record of page) decodeRecord('shardId-0', record);
    });
    const sliced = await longestBlock(() => decodePage('shardId-0', page, () => {}));
    for (const [way, name, result] of [
      ['plain', 'plain loop', whole],
      ['decode-page', 'decodePage', sliced],
    ] as const) {
      figures.push(
        lower(`${id}.${way}.longest-block`, `${label}: ${name}, longest block`, result.maxMs, 'ms'),
        lower(`${id}.${way}.total`, `${label}: ${name}, total`, result.totalMs, 'ms'),
      );
    }
  }
  return { title: 'decode one heavy page in main (longest gap between event-loop turns)', figures };
}
