import { test as base } from '@playwright/test';
import { startCli } from '../support/cli';

export interface ServedApp {
  /** The address `shardscope serve` printed, token included. */
  url: string;
  origin: string;
  token: string;
}

async function serve(use: (app: ServedApp) => Promise<void>): Promise<void> {
  const cli = await startCli(['serve', '--sandbox', '--port', '0']);
  const url = /^Shardscope is at (\S+)$/.exec(cli.firstLine)?.[1];
  if (!url) throw new Error(`unexpected first line: ${cli.firstLine}`);
  const parsed = new URL(url);
  await use({ url, origin: parsed.origin, token: new URLSearchParams(parsed.hash.slice(1)).get('token')! });
  await cli.stop();
}

/**
 * `served`: one `shardscope serve --sandbox` per worker, started as a user would start it.
 * `ownServed`: a fresh one for a test that changes the app's state (its own data folder too).
 */
export const test = base.extend<{ ownServed: ServedApp }, { served: ServedApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern.
  served: [async ({}, use) => serve(use), { scope: 'worker' }],
  // eslint-disable-next-line no-empty-pattern
  ownServed: async ({}, use) => serve(use),
});

export { expect } from '@playwright/test';
