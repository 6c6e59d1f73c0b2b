// Charts at their heaviest: 50 shards, a full 15-minute window (900 samples), new samples
// arriving every second, in Chromium. The window is filled fast through the real event path
// (main's hub, the WebSocket, the store), then frame times are measured for a minute at 1/s.
import { CreateStreamCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../main/aws/clients';
import { startLocalKinesis } from '../main/domain/sandbox/kinesalite-server';
import type { MetricsSample } from '../shared/contract';
import { recordFrames, withAppInBrowser } from './harness';
import { measureThroughput } from '../test/support/ui-driver';
import { lower, neutral, spread, type BenchOutput } from './figures';

export interface ChartsSize {
  shards: number;
  /** Seconds of history drawn before measuring; 900 is the charts' full 15-minute window. */
  windowSamples: number;
  seconds: number;
}

export const chartsFigures = ['frame.p50', 'frame.p95', 'frame.max', 'frames', 'frames-over-20ms'];

function syntheticSample(sessionId: string, time: number, shardCount: number): MetricsSample {
  const shards = Array.from({ length: shardCount }, (_, i) => {
    const rate = 50 + 40 * Math.sin(time / 30 + i) + Math.random() * 20 + (i === 7 ? 400 : 0);
    return {
      shardId: `shardId-${String(i).padStart(12, '0')}`,
      recordsPerSecond: rate,
      userRecordsPerSecond: rate * 1.5,
      bytesPerSecond: rate * 420,
      millisBehindLatest: Math.random() * 500,
      getRecordsCalls: 1 + Math.random() * 4,
      ownCallsPerSecond: 1 + Math.random() * 4,
      budgetCallsPerSecond: 5,
      throttled: 0,
      hot: i === 7,
      nearLimit: null,
      topKeys: [{ key: `user-${i}`, share: 0.4 }],
    };
  });
  const sum = (f: (s: (typeof shards)[number]) => number) => shards.reduce((a, s) => a + f(s), 0);
  return {
    sessionId,
    time: new Date(time * 1000).toISOString(),
    recordsPerSecond: sum((s) => s.recordsPerSecond),
    userRecordsPerSecond: sum((s) => s.userRecordsPerSecond),
    bytesPerSecond: sum((s) => s.bytesPerSecond),
    shards,
  };
}

export async function chartsBench({ shards: SHARDS, windowSamples, seconds: MEASURE_SECONDS }: ChartsSize): Promise<BenchOutput> {
  const kinesis = await startLocalKinesis();
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint: kinesis.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  await client.send(new CreateStreamCommand({ StreamName: 'wide', ShardCount: SHARDS }));
  await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: 'wide' });
  client.destroy();
  try {
    return await withAppInBrowser(
      { kind: 'endpoint', endpoint: kinesis.endpoint, region: 'us-east-1' },
      { width: 1400, height: 1000 },
      async (app, page) => {
        const meter = () => app.sessions.list().find((s) => s.kind === 'metrics');
        await measureThroughput(page, 'wide');
        while (!meter()) await new Promise((resolve) => setTimeout(resolve, 100));
        const { id: sessionId, owner } = meter()!;
        // Stop the real meter's own samples so only the synthetic history is drawn, to the page that owned it.
        await app.sessions.stopAll('user');
        const start = Math.floor(Date.now() / 1000) - windowSamples;
        for (let i = 0; i < windowSamples; i++) {
          owner.send('metrics:sample', syntheticSample(sessionId, start + i, SHARDS));
          if (i % 30 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        // The burst of samples takes the page a while to draw; measure only once it has caught up
        // (a second of frames without a long one), as a user would see it after fifteen minutes.
        await recordFrames(page);
        // (Polled with evaluate: the app's CSP rightly refuses the eval that waitForFunction would use.)
        for (let waited = 0; waited < 180; waited++) {
          if (await page.evaluate('window.frames_.length > 60 && window.frames_.slice(-60).every((f) => f < 20)')) break;
          await page.waitForTimeout(1_000);
        }
        const frameTimes = await recordFrames(page);
        for (let second = 0; second < MEASURE_SECONDS; second++) {
          app.events.emit('metrics:sample', syntheticSample(sessionId, start + windowSamples + second, SHARDS));
          await page.waitForTimeout(1_000);
        }
        const frames = await frameTimes();
        if (process.env.BENCH_PROFILE) {
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.start');
          for (let second = 0; second < 5; second++) {
            app.events.emit('metrics:sample', syntheticSample(sessionId, start + windowSamples + MEASURE_SECONDS + second, SHARDS));
            await page.waitForTimeout(1_000);
          }
          const { profile } = (await cdp.send('Profiler.stop')) as {
            profile: {
              nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
              samples: number[];
              timeDeltas: number[];
            };
          };
          const self = new Map<number, number>();
          profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
          const byName = new Map<string, number>();
          for (const node of profile.nodes) {
            const key = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
            byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
          }
          console.log(
            [...byName]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 15)
              .map(([k, v]) => `${(v / 1000).toFixed(1)} ms  ${k}`)
              .join('\n'),
          );
        }
        const points = await page.getByRole('status', { name: /^records per second: / }).getAttribute('aria-label');
        return {
          title: `charts, ${SHARDS} shards, ${windowSamples}-sample window, one new sample a second for ${MEASURE_SECONDS} s`,
          figures: [
            ...spread('frame', 'frame time', frames, 'ms'),
            neutral('frames', 'frames drawn', frames.length, 'frames'),
            lower('frames-over-20ms', 'frames over 20 ms', frames.filter((f) => f > 20).length, 'frames'),
          ],
          notes: [`readout at the end: ${points ?? ''}`],
        };
      },
    );
  } finally {
    await kinesis.close();
  }
}
