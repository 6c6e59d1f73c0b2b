// Charts at their heaviest: 50 shards, a full 15-minute window (900 samples), new samples
// arriving every second, in Chromium. The window is filled fast through the real event path
// (main's hub, the WebSocket, the store), then frame times are measured for a minute at 1/s.
import { CreateStreamCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startShardscopeApp } from '../main/app/shardscope-app';
import { startBrowserHost } from '../main/host/browser-host';
import { createKinesisClient } from '../main/kinesis/client';
import { startLocalKinesis } from '../main/sandbox/kinesalite-server';
import type { MetricsSample } from '../shared/contract';
import { chromiumArgs } from '../playwright.config';
import { percentile, printResults } from './report';

const SHARDS = 50;
const MEASURE_SECONDS = Number(process.env.BENCH_CHART_SECONDS ?? 60);

function syntheticSample(sessionId: string, time: number): MetricsSample {
  const shards = Array.from({ length: SHARDS }, (_, i) => {
    const rate = 50 + 40 * Math.sin(time / 30 + i) + Math.random() * 20 + (i === 7 ? 400 : 0);
    return {
      shardId: `shardId-${String(i).padStart(12, '0')}`,
      recordsPerSecond: rate,
      userRecordsPerSecond: rate * 1.5,
      bytesPerSecond: rate * 420,
      millisBehindLatest: Math.random() * 500,
      getRecordsCalls: 1 + Math.random() * 4,
      throttled: 0,
      hot: i === 7,
      nearLimit: null,
      topKeys: [{ key: `user-${i}`, share: 0.4 }],
    };
  });
  const sum = (f: (s: (typeof shards)[number]) => number) => shards.reduce((a, s) => a + f(s), 0);
  return { sessionId, time: new Date(time * 1000).toISOString(), recordsPerSecond: sum((s) => s.recordsPerSecond), userRecordsPerSecond: sum((s) => s.userRecordsPerSecond), bytesPerSecond: sum((s) => s.bytesPerSecond), shards };
}

export async function chartsBench() {
  const kinesis = await startLocalKinesis();
  const client = createKinesisClient({ region: 'us-east-1', endpoint: kinesis.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await client.send(new CreateStreamCommand({ StreamName: 'wide', ShardCount: SHARDS }));
  await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: 'wide' });
  client.destroy();
  const app = await startShardscopeApp({
    host: 'browser',
    version: 'bench',
    dataDir: mkdtempSync(path.join(tmpdir(), 'shardscope-bench-')),
    connection: { kind: 'endpoint', endpoint: kinesis.endpoint, region: 'us-east-1' },
  });
  let sessionId = '';
  app.events.attach((topic, payload) => {
    if (topic === 'metrics:sample') sessionId = (payload as MetricsSample).sessionId;
  });
  const host = await startBrowserHost({ app, staticDir: path.resolve('dist', 'renderer') });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Throughput' }).click();
    await page.getByLabel('Stream to measure').fill('wide');
    await page.getByRole('button', { name: 'Measure from now' }).click();
    while (!sessionId) await new Promise((resolve) => setTimeout(resolve, 100));
    // Stop the real meter's own samples so only the synthetic history is drawn.
    await app.meters.stopAll();
    const start = Math.floor(Date.now() / 1000) - 900;
    for (let i = 0; i < 900; i++) {
      app.events.emit('metrics:sample', syntheticSample(sessionId, start + i));
      if (i % 30 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await page.waitForTimeout(2_000);
    await page.evaluate(`(() => {
      window.frames_ = [];
      let last = performance.now();
      const tick = (now) => { window.frames_.push(now - last); last = now; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    for (let second = 0; second < MEASURE_SECONDS; second++) {
      app.events.emit('metrics:sample', syntheticSample(sessionId, start + 900 + second));
      await page.waitForTimeout(1_000);
    }
    const frames = ((await page.evaluate('window.frames_')) as number[]).slice(5);
    if (process.env.BENCH_PROFILE) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      for (let second = 0; second < 5; second++) {
        app.events.emit('metrics:sample', syntheticSample(sessionId, start + 900 + MEASURE_SECONDS + second));
        await page.waitForTimeout(1_000);
      }
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
      const byName = new Map<string, number>();
      for (const node of profile.nodes) {
        const key = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
        byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
      }
      console.log([...byName].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v / 1000).toFixed(1)} ms  ${k}`).join('\n'));
    }
    const points = await page.getByRole('status', { name: /^records per second: / }).getAttribute('aria-label');
    return printResults(`charts, ${SHARDS} shards, 900-sample window, one new sample a second for ${MEASURE_SECONDS} s`, [
      ['frame time p50 / p95 / max', `${percentile(frames, 50).toFixed(1)} / ${percentile(frames, 95).toFixed(1)} / ${Math.max(...frames).toFixed(1)} ms (${frames.length} frames)`],
      ['frames over 20 ms', `${frames.filter((f) => f > 20).length}`],
      ['readout at the end', points ?? ''],
    ]);
  } finally {
    await browser.close();
    await host.close();
    await app.stop();
    await kinesis.close();
  }
}
