// Every benchmark, with its full size and the size of the smoke run CI makes of it. A benchmark
// is in the smoke run unless it gives a written reason not to be (smokeSkipReason), and a unit
// test refuses a bench/*.bench.ts file missing from this list: none can rot unnoticed.
import { chartsBench, chartsFigures, type ChartsSize } from './charts.bench';
import { cliBench, cliFigures, type CliSize } from './cli.bench';
import { consumersBench, consumersFigures, type ConsumersSize } from './consumers.bench';
import { decodeBench, decodeFigures, type DecodeSize } from './decode.bench';
import { drainBench, drainFigures, type DrainSize } from './drain.bench';
import { heatBench, heatFigures, type HeatSize } from './heat.bench';
import type { BenchOutput } from './figures';
import { ingestBench, ingestFigures, type IngestSize } from './ingest.bench';
import { livePreviewBench, livePreviewFigures, type LivePreviewSize } from './live-preview.bench';
import { produceBench, produceFigures, type ProduceSize } from './produce.bench';
import { s3IngestBench, s3IngestFigures, type S3IngestSize } from './s3-ingest.bench';
import { schemaIngestBench, schemaIngestFigures, type SchemaIngestSize } from './schema-ingest.bench';
import { searchUiBench, searchUiFigures, type SearchUiSize } from './search-ui.bench';
import { streamListBench, streamListFigures, type StreamListSize } from './stream-list.bench';

export interface Benchmark<Size = unknown> {
  /** The file's name without `.bench.ts`, and what --only takes. */
  name: string;
  description: string;
  /** The size published figures are measured at; some env vars override parts of it (see bench/README.md). */
  full: (env: NodeJS.ProcessEnv) => Size;
  /** A size that takes seconds: it proves the benchmark runs to its end, not how fast. */
  smoke: Size | null;
  /** Required when smoke is null: why this benchmark cannot run in CI. */
  smokeSkipReason?: string;
  /** The ids of every figure a run at this size must produce. */
  figures: (size: Size) => string[];
  run: (size: Size) => Promise<BenchOutput>;
}

const define = <Size>(bench: Benchmark<Size>): Benchmark => bench as Benchmark;
const fixed = (ids: string[]) => () => ids;

/** A positive whole number from the environment, or the default; anything else is refused, not guessed at. */
export function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${text}"`);
  return value;
}

export const benchmarks: Benchmark[] = [
  define<DrainSize>({
    name: 'drain',
    description: 'read engine against a bare SDK GetRecords loop, 4 shards from TRIM_HORIZON to caught up',
    full: (env) => ({ records: envNumber(env, 'BENCH_DRAIN_RECORDS', 200_000), rounds: 3 }),
    smoke: { records: 2_000, rounds: 1 },
    figures: fixed(drainFigures),
    run: drainBench,
  }),
  define<HeatSize>({
    name: 'heat',
    description: 'shardscope heat against a bare SDK drain, and its peak RSS from 10,000 keys to every key distinct',
    full: (env) => ({ records: envNumber(env, 'BENCH_HEAT_RECORDS', 1_000_000) }),
    smoke: { records: 20_000 },
    figures: fixed(heatFigures),
    run: heatBench,
  }),
  define<DecodeSize>({
    name: 'decode',
    description: 'the longest main is held decoding one heavy page, decodePage against a plain loop',
    full: () => ({ jsonRecords: 10_000, emptyRecords: 174_000 }),
    smoke: { jsonRecords: 500, emptyRecords: 2_000 },
    figures: fixed(decodeFigures),
    run: decodeBench,
  }),
  define<CliSize>({
    name: 'cli',
    description: 'the bundled CLI start-up against aws kinesis list-streams',
    full: (env) => ({ runs: envNumber(env, 'BENCH_CLI_RUNS', 15) }),
    smoke: { runs: 1 },
    figures: fixed(cliFigures),
    run: cliBench,
  }),
  define<IngestSize>({
    name: 'ingest',
    description: 'shardscope ingest (JSON Lines, Parquet) and search against a bare drain, peak RSS',
    full: (env) => ({
      records: (env.BENCH_INGEST_RECORDS || '200000,1000000')
        .split(',')
        .map((part) => envNumber({ BENCH_INGEST_RECORDS: part }, 'BENCH_INGEST_RECORDS', 1)),
    }),
    smoke: { records: [2_000] },
    figures: ingestFigures,
    run: ingestBench,
  }),
  define<S3IngestSize>({
    name: 's3-ingest',
    description: 'shardscope ingest to a folder and to the sandbox S3 at two range lengths: records/s, ratio, peak RSS',
    full: (env) => ({
      records: [envNumber(env, 'BENCH_S3_INGEST_SHORT', 100_000), envNumber(env, 'BENCH_S3_INGEST_LONG', 400_000)],
    }),
    smoke: { records: [1_000, 2_000] },
    figures: s3IngestFigures,
    run: s3IngestBench,
  }),
  define<SchemaIngestSize>({
    name: 'schema-ingest',
    description: 'GSR Avro records against the same events as JSON: ingest to Parquet, search, Glue calls counted at the wire',
    full: (env) => ({ records: envNumber(env, 'BENCH_SCHEMA_RECORDS', 1_000_000) }),
    smoke: { records: 2_000 },
    figures: fixed(schemaIngestFigures),
    run: schemaIngestBench,
  }),
  define<ProduceSize>({
    name: 'produce',
    description: 'shardscope produce against a bare SDK PutRecords loop',
    full: (env) => ({ records: envNumber(env, 'BENCH_PRODUCE_RECORDS', 100_000), rounds: 3 }),
    smoke: { records: 2_000, rounds: 1 },
    figures: fixed(produceFigures),
    run: produceBench,
  }),
  define<ConsumersSize>({
    name: 'consumers',
    description: "one report of a KCL application's lag against a bare SDK loop making the same calls",
    full: () => ({ shards: 64, rounds: 5 }),
    smoke: { shards: 4, rounds: 1 },
    figures: fixed(consumersFigures),
    run: consumersBench,
  }),
  define<SearchUiSize>({
    name: 'search-ui',
    description: 'matches streaming into the Search page in Chromium',
    full: () => ({ matches: 10_000 }),
    smoke: { matches: 500 },
    figures: fixed(searchUiFigures),
    run: searchUiBench,
  }),
  define<LivePreviewSize>({
    name: 'live-preview',
    description: 'the live preview tailing the sandbox in Chromium: lag, frame times, memory',
    full: (env) => ({
      // Five minutes, as the published figures were measured: memory growth shows over minutes, not one.
      seconds: envNumber(env, 'BENCH_LIVE_SECONDS', 300),
      rate: envNumber(env, 'BENCH_LIVE_RATE', 5_000),
      memoryEverySeconds: 10,
      feeds: (env.BENCH_LIVE_FEEDS || 'json,gsr-avro').split(',').map((feed) => {
        if (feed !== 'json' && feed !== 'gsr-avro') throw new Error(`BENCH_LIVE_FEEDS takes json and gsr-avro, not "${feed}"`);
        return feed;
      }),
    }),
    smoke: { seconds: 5, rate: 500, memoryEverySeconds: 1, feeds: ['json', 'gsr-avro'] },
    figures: livePreviewFigures,
    run: livePreviewBench,
  }),
  define<ChartsSize>({
    name: 'charts',
    description: 'throughput charts with a full window of many shards, frame times in Chromium',
    full: (env) => ({ shards: 50, windowSamples: 900, seconds: envNumber(env, 'BENCH_CHART_SECONDS', 60) }),
    smoke: { shards: 4, windowSamples: 60, seconds: 3 },
    figures: fixed(chartsFigures),
    run: chartsBench,
  }),
  define<StreamListSize>({
    name: 'stream-list',
    description: 'the stream browser over many streams: load time and the cost of a filter keystroke',
    full: (env) => ({
      streams: envNumber(env, 'BENCH_STREAMS', 10_000),
      filter: env.BENCH_FILTER || 'stream-0042',
      rounds: envNumber(env, 'BENCH_ROUNDS', 10),
    }),
    smoke: { streams: 200, filter: 'stream-0019', rounds: 1 },
    figures: fixed(streamListFigures),
    run: streamListBench,
  }),
];
