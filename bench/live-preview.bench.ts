// Live preview under load: the sandbox producing 5,000 records a second, the preview tailing
// its busiest stream in Chromium. Measures how far behind the screen is, frame times, and
// whether renderer and main memory stay flat.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../test/support/local-kinesis';
import { recordFrames, withAppInBrowser } from './harness';
import { newestPreviewArrival, previewRecords, previewState, startPreview } from '../test/support/ui-driver';
import { higher, lower, neutral, spread, type BenchOutput } from './figures';

const mib = (bytes: number) => bytes / 2 ** 20;

export interface LivePreviewSize {
  seconds: number;
  /** Records a second the sandbox writes across its streams. */
  rate: number;
  /** How often memory is read (after a GC on both sides); the early figure is the 2nd and 3rd reading, the late one the last two. */
  memoryEverySeconds: number;
}

export const livePreviewFigures = [
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

export async function livePreviewBench({ seconds: SECONDS, rate: RATE, memoryEverySeconds }: LivePreviewSize): Promise<BenchOutput> {
  // The sandbox runs as its own process, as `shardscope sandbox` would: main's memory is then the
  // app's alone, not kinesalite's growing store of every record written.
  const port = await freePort();
  const sandbox = spawn(
    path.resolve('node_modules/.bin/tsx'),
    ['main/hosts/cli/main.ts', 'sandbox', '--port', String(port), '--rate', String(RATE)],
    { stdio: 'ignore' },
  );
  await waitForPort(port);
  try {
    return await withAppInBrowser(
      { kind: 'endpoint', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' },
      { width: 1280, height: 800 },
      async (_app, page) => {
        await startPreview(page, { stream: 'clickstream' });
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
        const state = await previewState(page).textContent();
        const early = memory.slice(1, 3);
        const late = memory.slice(-2);
        // NaN when too few readings were taken, so a run too short to say anything fails its check.
        const avg = (rows: typeof memory, key: 'renderer' | 'main') => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
        const exactGc = (globalThis as { gc?: unknown }).gc !== undefined;
        return {
          title: `live preview, sandbox at ${RATE.toLocaleString('en-US')} records/s, ${SECONDS} s`,
          figures: [
            higher('received.rate', 'clickstream records received by the preview per second', received(state) / SECONDS, 'records/s'),
            ...spread('newest-age', 'newest record on screen, age', lags, 'ms'),
            ...spread('frame', 'frame time', frames, 'ms'),
            neutral('frames', 'frames drawn', frames.length, 'frames'),
            lower('renderer-heap.early', 'renderer JS heap after GC, early', mib(avg(early, 'renderer')), 'MiB'),
            lower('renderer-heap.late', 'renderer JS heap after GC, late', mib(avg(late, 'renderer')), 'MiB'),
            lower('main-heap.early', 'main JS heap after GC, early', mib(avg(early, 'main')), 'MiB'),
            lower('main-heap.late', 'main JS heap after GC, late', mib(avg(late, 'main')), 'MiB'),
          ],
          notes: [
            `memory read every ${memoryEverySeconds} s: early is the 2nd and 3rd reading, late the last two`,
            ...(exactGc ? [] : ['main heap measured without --expose-gc: run through npm run bench for exact figures']),
            `preview state at the end: ${state ?? ''}`,
          ],
        };
      },
    );
  } finally {
    sandbox.kill('SIGINT');
  }
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
