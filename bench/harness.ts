import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startShardscopeApp, type ShardscopeApp } from '../main/app/shardscope-app';
import type { InitialConnection } from '../main/domain/connections/connection-manager';
import { startBrowserHost } from '../main/hosts/browser/browser-host';
import { chromiumArgs } from '../playwright.config';

/** The real app core and browser host, with the built UI open in Debian's Chromium; all stopped after. */
export async function withAppInBrowser<T>(
  connection: InitialConnection,
  viewport: { width: number; height: number },
  run: (app: ShardscopeApp, page: Page) => Promise<T>,
): Promise<T> {
  const app = await startShardscopeApp({
    host: 'browser',
    version: 'bench',
    dataDir: mkdtempSync(path.join(tmpdir(), 'shardscope-bench-')),
    connection,
  });
  const host = await startBrowserHost({ app, staticDir: path.resolve(process.env.BENCH_STATIC_DIR ?? path.join('dist', 'renderer')) });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport });
    await page.goto(host.url);
    return await run(app, page);
  } finally {
    await browser.close();
    await host.close();
    await app.stop();
  }
}

/**
 * Records every animation frame's duration from now on (called again, it starts a fresh record). A string, not a function: tsx's
 * transform would add helpers the page does not have.
 */
export async function recordFrames(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(`(() => {
    const running = Array.isArray(window.frames_);
    window.frames_ = [];
    if (running) return;
    let last = performance.now();
    const tick = (now) => { window.frames_.push(now - last); last = now; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  return async () => ((await page.evaluate('window.frames_')) as number[]).slice(5);
}
