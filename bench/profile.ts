// Where the renderer's time goes, for a performance change's review: BENCH_PROFILE=1 makes a
// Chromium benchmark print its hottest functions by self time over a few seconds of its load.
import type { Page } from 'playwright-core';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** The page's hottest functions by self time over `ms`, one a line: "12.3 ms  name file:line". */
export async function hottestFunctions(page: Page, ms: number, top = 25): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await page.waitForTimeout(ms);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await cdp.detach();
  return summarize(profile, top);
}

function summarize(profile: CpuProfile, top: number): string {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
    byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, micros]) => `${(micros / 1000).toFixed(1).padStart(8)} ms  ${key}`)
    .join('\n');
}

/** The same for this process (the app's main, which the benchmarks host), through node:inspector. */
export async function hottestInMain(ms: number, top = 15): Promise<string> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  await new Promise((resolve) => setTimeout(resolve, ms));
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  return summarize(profile, top);
}
