import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { Locator, Page } from '@playwright/test';
import { createKinesisClient } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from '../../main/domain/sandbox/sandbox';
import { openTab } from '../support/socket-client';
import { createStream } from '../support/sdk';
import { expect, test, type ServedApp } from './fixtures';
import { measureThroughput, openPage, previewRecords, previewState, startPreview, streamCount } from '../support/ui-driver';

/**
 * Tests that look: each page at a laptop's width and a desktop's, in both themes, against the
 * baselines in test/e2e/screenshots/ (made by Debian's Chromium, the browser CI runs). The
 * records shown are written here, so they are the same every run; what still lives (arrival
 * times, sequence numbers, rates, charts, the sandbox's port) is masked.
 * After an intended change of look: `npm run test:update-screenshots` (in the suite's own
 * session, keychain and all, as CI runs it), then look at every changed image before committing.
 */

const STREAM = 'screenshots';

/** A one-shard stream of 40 known JSON records in the sandbox this test serves. */
async function writeKnownRecords(served: ServedApp): Promise<void> {
  const tab = await openTab(served.origin, served.token);
  const active = (await tab.call('connections:active', {})) as { value: { endpoint: string } };
  tab.close();
  const client = createKinesisClient({ region: SANDBOX_REGION, endpoint: active.value.endpoint, credentials: SANDBOX_CREDENTIALS });
  try {
    await createStream(client, STREAM, 1);
    const records = Array.from({ length: 40 }, (_, i) => ({
      PartitionKey: `customer-${String(i % 7).padStart(3, '0')}`,
      Data: Buffer.from(
        JSON.stringify({ order: 1000 + i, status: i % 5 === 0 ? 'FAILED' : 'SHIPPED', items: (i % 3) + 1, total: 12.5 * i }),
      ),
    }));
    await client.send(new PutRecordsCommand({ StreamName: STREAM, Records: records }));
  } finally {
    client.destroy();
  }
}

/** What changes from run to run on every page: the demo producer's count and when the list was read. */
const everywhere = (page: Page): Locator[] => [page.locator('.frame__status'), page.getByText(/^Updated \d/)];

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1024, 1440]) {
    test(`every page looks as it did, ${colorScheme} theme, ${width} px`, async ({ browser, ownServed }) => {
      await writeKnownRecords(ownServed);
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const shot = async (name: string, mask: Locator[]) =>
        expect.soft(page).toHaveScreenshot(`${name}-${colorScheme}-${width}.png`, { mask: [...everywhere(page), ...mask] });
      try {
        await page.goto(ownServed.url);

        // The stream list with a stream's detail.
        await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders', exact: true }).click();
        const detail = page.getByRole('region', { name: 'Stream orders' });
        await expect(detail.getByText('2 open, 0 closed', { exact: true })).toBeVisible();
        await expect(streamCount(page)).toHaveText('6 streams');
        // The summary's reader count waits for the Consumers panel's first report.
        await expect(detail.getByText(/· 2 KCL applications ·/)).toBeVisible({ timeout: 20_000 });
        await shot('streams-detail', [
          detail.locator('.code-block'),
          detail.getByText(/\d{4}, \d/),
          detail.getByRole('region', { name: /KCL application/ }),
        ]);

        // Live preview of the known records, with the inspector open on one.
        await startPreview(page, { stream: STREAM, from: 'TRIM_HORIZON' });
        await expect(previewState(page)).toHaveText(/40 shown of 40 buffered/, { timeout: 20_000 });
        // The shards' line comes with main's first status, about a second in: shot with it, every time.
        await expect(page.getByRole('list', { name: 'Shard status' })).toContainText('40 read', { timeout: 10_000 });
        await page.getByRole('button', { name: 'Pause' }).click();
        const records = previewRecords(page);
        await records.getByRole('row').nth(3).click();
        const inspector = page.getByRole('region', { name: 'Record inspector' });
        await expect(inspector.getByRole('tabpanel', { name: 'JSON tree' })).toContainText('order');
        await shot('preview-inspector', [
          records.locator('[data-column="arrival"], [data-column="sequence"]'),
          page.getByRole('list', { name: 'Shard status' }),
          inspector
            .locator('.pairs__row')
            .filter({ hasText: /Sequence number|Arrival/ })
            .locator('dd'),
        ]);
        await page.getByRole('button', { name: 'Stop' }).click();

        // Throughput of the quiet stream: its charts and the rates read about once a second are masked.
        await measureThroughput(page, STREAM);
        await expect(page.getByRole('status', { name: /^records per second: / })).toBeVisible({ timeout: 15_000 });
        await expect(page.getByRole('figure', { name: 'Records per second' }).locator('canvas')).toHaveCount(1);
        await shot('throughput', [page.getByRole('figure'), page.getByRole('main').getByRole('status')]);
        await page.getByRole('button', { name: 'Stop' }).click();

        // Permissions of the sandbox, checked.
        await openPage(page, 'Permissions');
        await page
          .getByRole('combobox', { name: /stream/i })
          .first()
          .fill(STREAM);
        await page.getByRole('button', { name: 'Check permissions' }).click();
        await expect(page.getByRole('table').first()).toBeVisible({ timeout: 15_000 });
        await shot('permissions', [page.getByText(/^Checked /)]);

        // Connections, and Runs before any run.
        await openPage(page, 'Connections');
        await shot('connections', [page.getByText(/http:\/\/127\.0\.0\.1:\d+/)]);
        await openPage(page, 'Runs');
        await shot('runs', []);
      } finally {
        await context.close();
      }
    });
  }
}
