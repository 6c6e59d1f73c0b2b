// Live preview under load: the sandbox producing 5,000 records a second, the preview tailing
// its busiest stream in Chromium. Measures how far behind the screen is, frame times, and
// whether renderer and main memory stay flat.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../test/support/local-kinesis';
import { recordFrames, withAppInBrowser } from './harness';
import { percentile, printResults } from './report';

const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_LIVE_RATE ?? 5_000);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function livePreviewBench() {
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
        await page.getByRole('button', { name: 'Live preview' }).click();
        await page.getByLabel('Stream to preview').fill('clickstream');
        await page.getByRole('button', { name: 'Start preview' }).click();
        await page.getByRole('table', { name: 'Records' }).waitFor({ timeout: 60_000 });
        const cdp = await page.context().newCDPSession(page);

        const frameTimes = await recordFrames(page);
        const lags: number[] = [];
        const memory: { at: number; renderer: number; main: number }[] = [];
        const started = Date.now();
        let lastMemory = 0;
        while (Date.now() - started < SECONDS * 1000) {
          const newest = await page.locator('[role="row"][aria-rowindex="2"] [role="cell"]').first().getAttribute('title');
          if (newest) lags.push(Date.now() - Date.parse(newest));
          if (Date.now() - lastMemory >= 10_000) {
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
        const state = await page.getByRole('status', { name: 'Preview state' }).textContent();
        const early = memory.slice(1, 3);
        const late = memory.slice(-2);
        const avg = (rows: typeof memory, key: 'renderer' | 'main') =>
          rows.reduce((sum, row) => sum + row[key], 0) / Math.max(rows.length, 1);
        return printResults(`live preview, sandbox at ${RATE.toLocaleString('en-US')} records/s, ${SECONDS} s`, [
          ['clickstream records received by the preview per second', `${Math.round(received(state) / SECONDS).toLocaleString('en-US')}`],
          ['newest record on screen, age p50 / p95 / max', `${percentile(lags, 50)} / ${percentile(lags, 95)} / ${Math.max(...lags)} ms`],
          [
            'frame time p50 / p95 / max',
            `${percentile(frames, 50).toFixed(1)} / ${percentile(frames, 95).toFixed(1)} / ${Math.max(...frames).toFixed(1)} ms (${frames.length} frames)`,
          ],
          ['renderer JS heap after GC, 10-30 s vs last 20 s', `${mib(avg(early, 'renderer'))} vs ${mib(avg(late, 'renderer'))}`],
          [
            `main JS heap after GC${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for exact figures)'}, 10-30 s vs last 20 s`,
            `${mib(avg(early, 'main'))} vs ${mib(avg(late, 'main'))}`,
          ],
          ['preview state at the end', state ?? ''],
        ]);
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
