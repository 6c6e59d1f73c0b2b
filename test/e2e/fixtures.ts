import { test as base } from '@playwright/test';
import { startCli, type LongRunningCli } from '../support/cli';

export interface ServedApp {
  /** The address `shardscope serve` printed, token included. */
  url: string;
  origin: string;
  token: string;
}

/** One `shardscope serve --sandbox` per worker, started as a user would start it. */
export const test = base.extend<object, { served: ServedApp }>({
  served: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      const cli: LongRunningCli = await startCli(['serve', '--sandbox', '--port', '0']);
      const url = /^Shardscope is at (\S+)$/.exec(cli.firstLine)?.[1];
      if (!url) throw new Error(`unexpected first line: ${cli.firstLine}`);
      const parsed = new URL(url);
      await use({ url, origin: parsed.origin, token: new URLSearchParams(parsed.hash.slice(1)).get('token')! });
      await cli.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
