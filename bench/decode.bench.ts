// Decoding a heavy page in main: the longest the event loop is held, decoding record by record
// with decodePage against a plain loop over the page (what a bare SDK consumer would write).
import { gzipSync } from 'node:zlib';
import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { decodePage } from '../main/domain/decode/decode-page';
import { decodeRecord } from '../main/domain/decode/record';
import { aggregateUserRecords } from '../main/domain/kpl/aggregate';
import { printResults } from './report';

const MiB = 1024 * 1024;
const at = new Date();

async function pages(): Promise<[string, KinesisRecord[]][]> {
  const json = Array.from({ length: 10_000 }, (_, i) => ({
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
  const empties = await kplPage(Array.from({ length: 174_000 }, () => ({ partitionKey: 'e', data: Buffer.alloc(0) })));
  return [
    ['10,000 JSON records of 1 KB (10 MB, the GetRecords maximum)', json],
    ['10 KPL aggregates of 40 gzip bombs (10 MiB each inflated)', bombs],
    ['10 KPL aggregates of 950 JSON records of 1 KB', orders],
    ['10 KPL aggregates of 174,000 empty records (1 MiB each)', empties],
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

export async function decodeBench() {
  const rows: [string, string][] = [];
  for (const [label, page] of await pages()) {
    const whole = await longestBlock(() => {
      for (const record of page) decodeRecord('shardId-0', record);
    });
    const sliced = await longestBlock(() => decodePage('shardId-0', page, () => {}));
    rows.push([`${label}: plain loop`, `longest block ${whole.maxMs.toFixed(0)} ms, total ${whole.totalMs.toFixed(0)} ms`]);
    rows.push([`${label}: decodePage`, `longest block ${sliced.maxMs.toFixed(0)} ms, total ${sliced.totalMs.toFixed(0)} ms`]);
  }
  return printResults('decode one heavy page in main (longest gap between event-loop turns)', rows);
}
