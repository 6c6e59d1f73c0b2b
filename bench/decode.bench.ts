// Decoding a heavy page in main: the longest the event loop is held, decoding record by record
// with decodePage against a plain loop over the page (what a bare SDK consumer would write).
import { gzipSync } from 'node:zlib';
import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { decodePage } from '../main/domain/engine/decode/decode-page';
import { decodeRecord } from '../main/domain/engine/decode/record';
import { SchemaDecoding } from '../main/domain/engine/decode/schema/record-schemas';
import { aggregateUserRecords } from '../main/domain/engine/kpl/aggregate';
import { MemorySchemaResolver } from '../test/support/memory-schema-resolver';
import { LOAD_SCHEMA_V1, LOAD_SCHEMA_V2, loadRecordEncoder } from '../test/support/schema-load';
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
export const decodeFigures = [
  ...PAGES.flatMap((page) => ['plain', 'decode-page'].flatMap((way) => [`${page}.${way}.longest-block`, `${page}.${way}.total`])),
  'schema.json.per-1000',
  'schema.avro.per-1000',
  'schema.avro.vs-json',
];

const LOAD_VERSIONS = { v1: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1', v2: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f2' };

/**
 * The decoder alone on schema-ingest's events (about 200 bytes): pages of GSR Avro of two
 * versions, through a schema decoding as a read makes one, against the same events as JSON. The
 * best of five passes, as the machine is shared: milliseconds per 1,000 records, without reading or writing.
 */
async function schemaPerRecord(records: number): Promise<Record<'json' | 'avro', number>> {
  const resolver = new MemorySchemaResolver();
  for (const [version, id, definition] of [
    [1, LOAD_VERSIONS.v1, LOAD_SCHEMA_V1],
    [2, LOAD_VERSIONS.v2, LOAD_SCHEMA_V2],
  ] as const)
    resolver.add({ kind: 'gsr', versionId: id }, { registry: 'bench', name: 'page-view', version, format: 'AVRO', definition });
  const out = { json: 0, avro: 0 };
  for (const encoding of ['json', 'avro'] as const) {
    const encode = loadRecordEncoder(encoding === 'avro' ? 'gsr-avro' : 'json', LOAD_VERSIONS);
    const page = Array.from({ length: records }, (_, n) => ({
      Data: encode(n),
      PartitionKey: 'k',
      SequenceNumber: String(n),
      ApproximateArrivalTimestamp: at,
    }));
    let best = Number.POSITIVE_INFINITY;
    for (let pass = 0; pass < 5; pass++) {
      const decoding = new SchemaDecoding({ mode: 'auto', resolver });
      let decoded = 0;
      const started = performance.now();
      await decodePage(
        'shardId-0',
        page,
        (record) => {
          if (encoding === 'avro' && !record.schema) throw new Error(`a GSR record was not decoded: ${record.error}`);
          decoded++;
        },
        decoding,
      );
      best = Math.min(best, ((performance.now() - started) * 1000) / decoded);
    }
    out[encoding] = best;
  }
  return out;
}

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
  const perRecord = await schemaPerRecord(size.jsonRecords * 2);
  const events = `${(size.jsonRecords * 2).toLocaleString('en-US')} schema-ingest events`;
  figures.push(
    lower('schema.json.per-1000', `${events} as JSON, decoded with a schema decoding (best of 5), per 1,000 records`, perRecord.json, 'ms'),
    lower('schema.avro.per-1000', `${events} as GSR Avro (2 versions), decoded (best of 5), per 1,000 records`, perRecord.avro, 'ms'),
    lower('schema.avro.vs-json', `${events}: GSR Avro / JSON decoding`, (perRecord.avro / perRecord.json) * 100, '%'),
  );
  return { title: 'decode one heavy page in main (longest gap between event-loop turns)', figures };
}
