import { defineConfig } from '@playwright/test';

// The SDK's notice about future Node versions would drown the test output on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Playwright cannot download its own browsers here: Debian's Chromium is the browser under test.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: {
    timeout: 15_000,
    // Same Chromium, same fonts, same machine image as CI: a page either looks the same or it changed.
    // The small allowance is for anti-aliasing at the edge of a masked region.
    toHaveScreenshot: { animations: 'disabled', caret: 'hide', maxDiffPixelRatio: 0.001 },
  },
  // One baseline per image: the only browser these tests run is Debian's Chromium.
  snapshotPathTemplate: '{testDir}/screenshots/{arg}{ext}',
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
});
