// Live preview under load: the sandbox producing 5,000 records a second, the preview tailing
// its busiest stream in Chromium; and GSR Avro records at that rate into one stream, each
// decoded through the sandbox's Glue stand-in. Measures how far behind the screen is, frame
// times, and whether renderer and main memory stay flat.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createGlueClient, createKinesisClient } from '../main/aws/clients';
import type { InitialConnection } from '../main/domain/connections/connection-manager';
import { freePort } from '../test/support/local-kinesis';
import { registerLoadSchemas } from '../test/support/schema-load';
import { createStream } from '../test/support/sdk';
import { cli } from './cli-process';
import { recordFrames, withAppInBrowser } from './harness';
import { hottestFunctions, hottestInMain } from './profile';
import { newestPreviewArrival, previewRecords, previewState, startPreview } from '../test/support/ui-driver';
import { higher, lower, neutral, spread, type BenchOutput } from './figures';

const mib = (bytes: number) => bytes / 2 ** 20;

export type LiveFeed = 'json' | 'gsr-avro';

export interface LivePreviewSize {
  seconds: number;
  /** Records a second written: across the sandbox's demo streams (json), or into the one previewed stream (gsr-avro). */
  rate: number;
  /** How often memory is read (after a GC on both sides); the early figure is the 2nd and 3rd reading, the late one the last two. */
  memoryEverySeconds: number;
  /** json: the sandbox's clickstream demo. gsr-avro: GSR Avro records of two schema versions, decoded through the sandbox's Glue stand-in. */
  feeds: LiveFeed[];
}

const feedFigures = [
  'received.rate',
  'newest-age.p50',
  'newest-age.p95',
  'newest-age.max',
  'frame.p50',
  'frame.p95',
  'frame.max',
  'frames',
  'renderer-heap.early',
  'renderer-heap.late',
  'main-heap.early',
  'main-heap.late',
];

/** The JSON feed keeps the ids earlier runs published, so they compare; the GSR feed's are prefixed. */
const prefixOf = (feed: LiveFeed) => (feed === 'json' ? '' : `${feed}.`);

export const livePreviewFigures = ({ feeds }: LivePreviewSize): string[] =>
  feeds.flatMap((feed) => feedFigures.map((id) => `${prefixOf(feed)}${id}`));

export async function livePreviewBench(size: LivePreviewSize): Promise<BenchOutput> {
  const outputs: BenchOutput[] = [];
  for (const feed of size.feeds) outputs.push(feed === 'json' ? await jsonFeed(size) : await gsrFeed(size));
  return {
    title: outputs.map((output) => output.title).join('; '),
    figures: outputs.flatMap((output) => output.figures),
    notes: outputs.flatMap((output) => output.notes ?? []),
  };
}

async function jsonFeed(size: LivePreviewSize): Promise<BenchOutput> {
  // The sandbox runs as its own process, as `shardscope sandbox` would: main's memory is then the
  // app's alone, not kinesalite's growing store of every record written.
  const port = await freePort();
  const sandbox = spawn(
    path.resolve('node_modules/.bin/tsx'),
    ['main/hosts/cli/main.ts', 'sandbox', '--port', String(port), '--rate', String(size.rate)],
    { stdio: 'ignore' },
  );
  await waitForPort(port);
  try {
    return await measure(size, 'json', { kind: 'endpoint', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' }, 'clickstream');
  } finally {
    sandbox.kill('SIGINT');
  }
}

async function gsrFeed(size: LivePreviewSize): Promise<BenchOutput> {
  const sandbox = cli(['sandbox', '--no-demo', '--port', '0']);
  let producer: ReturnType<typeof spawn> | null = null;
  try {
    const endpoint = await sandbox.printed(/^endpoint: (\S+)/m);
    const glueEndpoint = await sandbox.printed(/^glue endpoint: (\S+)/m);
    const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
    const glue = await createGlueClient({ region: 'us-east-1', endpoint: glueEndpoint, credentials });
    const versions = await registerLoadSchemas(glue).finally(() => glue.destroy());
    const client = createKinesisClient({ region: 'us-east-1', endpoint, credentials });
    await createStream(client, 'page-views', 4).finally(() => client.destroy());
    producer = spawn(
      path.resolve('node_modules/.bin/tsx'),
      ['bench/load-producer.ts', endpoint, 'page-views', String(size.rate), versions.v1, versions.v2],
      { stdio: 'ignore' },
    );
    return await measure(size, 'gsr-avro', { kind: 'endpoint', endpoint, region: 'us-east-1', glueEndpoint }, 'page-views');
  } finally {
    producer?.kill('SIGINT');
    sandbox.child.kill('SIGINT');
    await sandbox.done;
  }
}

async function measure(
  { seconds: SECONDS, rate: RATE, memoryEverySeconds }: LivePreviewSize,
  feed: LiveFeed,
  connection: InitialConnection,
  stream: string,
): Promise<BenchOutput> {
  const id = (name: string) => `${prefixOf(feed)}${name}`;
  const label = (text: string) => (feed === 'json' ? text : `GSR Avro: ${text}`);
  return withAppInBrowser(connection, { width: 1280, height: 800 }, async (_app, page) => {
    await startPreview(page, { stream });
    await previewRecords(page).waitFor({ timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);

    const frameTimes = await recordFrames(page);
    const lags: number[] = [];
    const memory: { at: number; renderer: number; main: number }[] = [];
    const started = Date.now();
    let lastMemory = 0;
    while (Date.now() - started < SECONDS * 1000) {
      const newest = await newestPreviewArrival(page);
      if (newest) lags.push(Date.now() - Date.parse(newest));
      if (Date.now() - lastMemory >= memoryEverySeconds * 1000) {
        lastMemory = Date.now();
        // Measured after a collection on both sides, so the figures are what is kept, not GC timing.
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        (globalThis as { gc?: () => void }).gc?.();
        memory.push({ at: (Date.now() - started) / 1000, renderer: heap.usedSize, main: process.memoryUsage().heapUsed });
      }
      await page.waitForTimeout(250);
    }
    const frames = await frameTimes();
    if (process.env.BENCH_PROFILE) {
      const [renderer, main] = await Promise.all([hottestFunctions(page, 5_000), hottestInMain(5_000)]);
      console.log(`${feed}: renderer, 5 s\n${renderer}\n${feed}: main, 5 s\n${main}`);
    }
    const state = await previewState(page).textContent();
    // A feed whose records were not decoded would measure something else: the first row must show decoded JSON.
    if (feed === 'gsr-avro') await expectDecodedRow(page);
    const early = memory.slice(1, 3);
    const late = memory.slice(-2);
    // NaN when too few readings were taken, so a run too short to say anything fails its check.
    const avg = (rows: typeof memory, key: 'renderer' | 'main') => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
    const exactGc = (globalThis as { gc?: unknown }).gc !== undefined;
    const source = feed === 'json' ? 'sandbox' : 'GSR Avro records into one 4-shard stream';
    return {
      title: `live preview, ${source} at ${RATE.toLocaleString('en-US')} records/s, ${SECONDS} s`,
      figures: [
        higher(id('received.rate'), label(`${stream} records received by the preview per second`), received(state) / SECONDS, 'records/s'),
        ...spread(id('newest-age'), label('newest record on screen, age'), lags, 'ms'),
        ...spread(id('frame'), label('frame time'), frames, 'ms'),
        neutral(id('frames'), label('frames drawn'), frames.length, 'frames'),
        lower(id('renderer-heap.early'), label('renderer JS heap after GC, early'), mib(avg(early, 'renderer')), 'MiB'),
        lower(id('renderer-heap.late'), label('renderer JS heap after GC, late'), mib(avg(late, 'renderer')), 'MiB'),
        lower(id('main-heap.early'), label('main JS heap after GC, early'), mib(avg(early, 'main')), 'MiB'),
        lower(id('main-heap.late'), label('main JS heap after GC, late'), mib(avg(late, 'main')), 'MiB'),
      ],
      notes: [
        ...(feed === 'json' ? [`memory read every ${memoryEverySeconds} s: early is the 2nd and 3rd reading, late the last two`] : []),
        ...(exactGc || feed !== 'json' ? [] : ['main heap measured without --expose-gc: run through npm run bench for exact figures']),
        `${feed} preview state at the end: ${state ?? ''}`,
      ],
    };
  });
}

async function expectDecodedRow(page: Page): Promise<void> {
  const data = await previewRecords(page).locator('[role="row"][aria-rowindex="2"] [data-column="data"]').textContent();
  if (!/"page": ?"\/products\/item"/.test(data ?? '')) throw new Error(`the newest GSR record is not shown decoded: ${data ?? '(none)'}`);
}

function received(state: string | null): number {
  const numbers = [...(state ?? '').matchAll(/([\d,]+) (?:buffered|older records)/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
  return numbers.reduce((a, b) => a + b, 0);
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the sandbox did not start on port ${port}`);
}
