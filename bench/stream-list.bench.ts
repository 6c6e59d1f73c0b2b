// Stream browser at scale: many streams (10,000 at full size) on a local Kinesis, the real app core and browser host,
// and Debian's Chromium. Measures how long the full list takes to load and how much main-thread
// work each keystroke of the filter costs.
import { CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startShardscopeApp } from '../main/app/shardscope-app';
import { startBrowserHost } from '../main/hosts/browser/browser-host';
import { mapWithConcurrency } from '../main/domain/engine/kinesis/concurrency';
import { createKinesisClient } from '../main/aws/clients';
import { listStreamNames } from '../main/domain/engine/kinesis/streams';
import { startLocalKinesis } from '../main/domain/sandbox/kinesalite-server';
import { chromiumArgs } from '../playwright.config';
import { streamCount, streamFilter } from '../test/support/ui-driver';
import { lower, percentile, spread, type BenchOutput } from './figures';

export interface StreamListSize {
  streams: number;
  /** What is typed into the filter, a key at a time; it should match some of the streams. */
  filter: string;
  /** How many times the filter is typed. */
  rounds: number;
}

export const streamListFigures = [
  'create.seconds',
  'names-shown.seconds',
  'all-details.seconds',
  'keystroke.p50',
  'keystroke.p95',
  'keystroke.max',
  'floor.p50',
  'floor.p95',
  'keystroke-script.p50',
  'keystroke-style.p50',
  'keystroke-layout.p50',
  'typed-without-pause.per-key',
];

export async function streamListBench({ streams: STREAMS, filter: FILTER, rounds: ROUNDS }: StreamListSize): Promise<BenchOutput> {
  // kinesalite checks its account shard limit by summing over every stream, so creating 10,000
  // takes minutes; BENCH_KINESIS_DIR keeps them in a folder for the next run.
  const kinesis = await startLocalKinesis({ dataDir: process.env.BENCH_KINESIS_DIR ?? null });
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint: kinesis.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const existing = new Set((await listStreamNames(client)).streams.map((s) => s.name));
  const names = Array.from({ length: STREAMS }, (_, i) => `stream-${String(i).padStart(5, '0')}`).filter((name) => !existing.has(name));
  let started = performance.now();
  await mapWithConcurrency(names, 32, (name) =>
    client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 + (Number(name.slice(-1)) % 3) })),
  );
  const createSeconds = (performance.now() - started) / 1000;
  client.destroy();

  const app = await startShardscopeApp({
    host: 'browser',
    version: 'bench',
    dataDir: mkdtempSync(path.join(tmpdir(), 'shardscope-bench-')),
    connection: { kind: 'endpoint', endpoint: kinesis.endpoint, region: 'us-east-1' },
  });
  // BENCH_STATIC_DIR: another build of the UI (an earlier commit's), measured the same way.
  const host = await startBrowserHost({ app, staticDir: path.resolve(process.env.BENCH_STATIC_DIR ?? path.join('dist', 'renderer')) });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    started = performance.now();
    await page.goto(host.url);
    const count = streamCount(page);
    await count.filter({ hasText: `${STREAMS.toLocaleString('en-US')} streams` }).waitFor({ timeout: 120_000 });
    const namesShown = (performance.now() - started) / 1000;
    await page.waitForFunction(() => !document.querySelector('[aria-label="Stream count"]')?.textContent?.includes('details'), undefined, {
      timeout: 600_000,
      polling: 200,
    });
    const allDetails = (performance.now() - started) / 1000;

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const taskSeconds = async () => (await metrics()).get('TaskDuration')!;
    const settle = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const filter = streamFilter(page);
    await filter.focus();

    // The list has caught up with the field when the count says what the filter matches.
    const allNames = Array.from({ length: STREAMS }, (_, i) => `stream-${String(i).padStart(5, '0')}`);
    const countFor = (typed: string) =>
      typed
        ? `${allNames.filter((name) => name.includes(typed)).length.toLocaleString('en-US')} of ${STREAMS.toLocaleString('en-US')} streams`
        : `${STREAMS.toLocaleString('en-US')} streams`;
    const caughtUp = (typed: string) =>
      page.waitForFunction((text) => document.querySelector('[aria-label="Stream count"]')?.textContent === text, countFor(typed), {
        polling: 'raf',
      });

    // The cost of measuring itself (a CDP round trip, two frames and the check), to subtract.
    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = await taskSeconds();
      await settle();
      await caughtUp('');
      baseline.push((await taskSeconds()) - before);
    }
    const overhead = percentile(baseline, 50);

    // The floor: the same keys into a bare field on the same page (nothing listens), what any
    // keystroke costs here (the harness's key dispatch, text editing, the caret's paint).
    const floor: number[] = [];
    await page.evaluate(() => {
      const bare = document.createElement('input');
      bare.id = 'bench-bare-field';
      bare.setAttribute('aria-label', 'bench bare field');
      document.body.append(bare);
    });
    const bare = page.locator('#bench-bare-field');
    for (let round = 0; round < ROUNDS; round++) {
      await bare.fill('');
      await bare.focus();
      await settle();
      for (const char of FILTER) {
        const before = await taskSeconds();
        await page.keyboard.type(char);
        await settle();
        await caughtUp('');
        floor.push(Math.max(0, ((await taskSeconds()) - before - overhead) * 1000));
      }
    }
    await page.evaluate(() => document.getElementById('bench-bare-field')?.remove());
    await filter.focus();

    // One key at a time, each left until the list has caught up and two frames passed: the whole cost of a key.
    const keystrokes: number[] = [];
    const parts = { ScriptDuration: [] as number[], RecalcStyleDuration: [] as number[], LayoutDuration: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (let typed = 1; typed <= FILTER.length; typed++) {
        const before = await metrics();
        await page.keyboard.type(FILTER[typed - 1]!);
        await settle();
        await caughtUp(FILTER.slice(0, typed));
        const after = await metrics();
        keystrokes.push(Math.max(0, (after.get('TaskDuration')! - before.get('TaskDuration')! - overhead) * 1000));
        for (const [name, list] of Object.entries(parts)) list.push((after.get(name)! - before.get(name)!) * 1000);
      }
      await filter.fill('');
      await settle();
    }
    if (process.env.BENCH_VERBOSE) {
      console.log('keystrokes (ms):', keystrokes.map((k) => k.toFixed(1)).join(' '));
      for (const [name, list] of Object.entries(parts)) console.log(`${name} (ms):`, list.map((k) => k.toFixed(1)).join(' '));
    }

    // Typed as fast as keys repeat: the list may skip the filters typed over, the field may not.
    const bursts: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = await taskSeconds();
      await page.keyboard.type(FILTER, { delay: 0 });
      await settle();
      await caughtUp(FILTER);
      bursts.push(((await taskSeconds()) - before - overhead) * 1000);
      await filter.fill('');
      await settle();
    }
    const [script, style, layout] = Object.values(parts).map((list) => percentile(list, 50));
    return {
      title: `stream list, ${STREAMS.toLocaleString('en-US')} streams, "${FILTER}" typed ${ROUNDS} times`,
      figures: [
        lower('create.seconds', `create ${names.length.toLocaleString('en-US')} streams on kinesalite (setup)`, createSeconds, 's'),
        lower('names-shown.seconds', 'list shown, all names', namesShown, 's'),
        lower('all-details.seconds', 'every summary filled in', allDetails, 's'),
        ...spread('keystroke', 'filter keystroke, main-thread work', keystrokes, 'ms'),
        lower('floor.p50', 'a keystroke into a bare field (the floor of this harness) p50', percentile(floor, 50), 'ms'),
        lower('floor.p95', 'a keystroke into a bare field (the floor of this harness) p95', percentile(floor, 95), 'ms'),
        lower('keystroke-script.p50', 'filter keystroke p50: script', script!, 'ms'),
        lower('keystroke-style.p50', 'filter keystroke p50: style', style!, 'ms'),
        lower('keystroke-layout.p50', 'filter keystroke p50: layout', layout!, 'ms'),
        lower(
          'typed-without-pause.per-key',
          `"${FILTER}" typed without pause, main-thread work per key, p50 of ${ROUNDS}`,
          percentile(bursts, 50) / FILTER.length,
          'ms',
        ),
      ],
    };
  } finally {
    await browser.close();
    await host.close();
    await app.stop();
    await kinesis.close();
  }
}
