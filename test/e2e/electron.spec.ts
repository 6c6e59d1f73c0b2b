import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary';
import { callNames } from '../../shared/contract';

/** The bridge's keys: one per area of the contract's calls, and `on` for events. */
const bridgeKeys = [...new Set(callNames.map((name) => name.split(':')[0]!)), 'on'].sort();

const binary = findElectronBinary();
const skipReason =
  'the Electron binary is not installed on this machine (it cannot be downloaded here); the same UI is covered through the browser host';

test.describe('the Electron app', () => {
  test.skip(binary === null, skipReason);
  if (binary === null) console.log(`skipped: ${skipReason}`);

  test('opens on the sandbox and lists the demo streams', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
    try {
      const window = await app.firstWindow();
      const table = window.getByRole('table', { name: 'Streams' });
      for (const name of ['clickstream', 'mixed-encodings', 'orders', 'payments', 'telemetry']) {
        await expect(table.getByRole('rowheader', { name })).toBeVisible();
      }
      // No Node in the page, and the bridge exposes the typed API object and nothing else.
      const page = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        api: Object.keys((globalThis as { shardscope?: object }).shardscope ?? {}).sort(),
      }));
      expect(page).toEqual({ require: 'undefined', process: 'undefined', api: bridgeKeys });
      expect(await window.evaluate(() => location.origin)).toBe('app://shardscope');
    } finally {
      await app.close();
    }
  });
});
