import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from '../../main/domain/sandbox/sandbox';
import { openTab } from '../support/socket-client';
import { expect, test } from './fixtures';
import { previewRecords, previewState, previewStreamPicker, startPreview } from '../support/ui-driver';

test('preview the sandbox live: pause, filter, inspect a JSON record and a KPL user record', async ({ page, ownServed }) => {
  await page.goto(ownServed.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'mixed-encodings' }).click();
  await page.getByRole('button', { name: 'Preview records' }).click();
  await expect(page.getByRole('heading', { name: 'Live preview' })).toBeVisible();
  await expect(previewStreamPicker(page)).toHaveValue('mixed-encodings');
  await startPreview(page, { from: 'TRIM_HORIZON', open: false });

  const table = previewRecords(page);
  // The demo producer writes one of each encoding a second; a KPL aggregate holds 3 to 6 user records.
  await expect(table.getByRole('row')).not.toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByRole('list', { name: 'Shard status' })).toContainText('#0');

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(previewState(page)).toContainText('Paused');
  const buffered = await previewState(page).textContent();
  await page.waitForTimeout(2_500);
  await expect(previewState(page)).toHaveText(buffered!);
  await page.getByRole('button', { name: 'Resume' }).click();

  const expression = page.getByRole('textbox', { name: 'Expression filter (CEL, as in Search)' });
  await expression.fill('data.compressed == "gzip"');
  await expect(table.getByRole('row').nth(1)).toContainText('gzip', { timeout: 15_000 });
  await table.getByRole('row').nth(1).click();
  const inspector = page.getByRole('region', { name: 'Record inspector' });
  await expect(inspector.getByRole('tab', { name: 'JSON tree' })).toHaveAttribute('aria-selected', 'true');
  await expect(inspector.getByRole('tabpanel', { name: 'JSON tree' })).toContainText('sensor_reading');
  await inspector.getByRole('tab', { name: 'Hex' }).click();
  await expect(inspector.getByRole('tabpanel', { name: 'Hex dump' })).toContainText('00000000  7b 22');

  await expression.fill('data.batchIndex >= 0');
  await expect(table.getByRole('row').nth(1)).toBeVisible({ timeout: 15_000 });
  await table.getByRole('row').nth(1).click();
  await expect(inspector).toContainText('of a KPL aggregate');
  await expect(inspector.getByRole('tabpanel', { name: 'JSON tree' })).toContainText('batchIndex');

  // A name a record does not have is refused with what was meant, as Search refuses it.
  await expression.fill('batchIndex >= 0');
  const unknownName = page.getByRole('alert').filter({ hasText: 'unknown name' });
  await expect(unknownName).toContainText('unknown name batchIndex; did you mean data.batchIndex?');
  await expression.fill('');
  await expect(unknownName).toHaveCount(0);
  // An expression in the text filter is taken as text, and the page says where it belongs.
  const text = page.getByRole('searchbox', { name: 'Filter records' });
  await text.fill('data.level == "INFO"');
  await expect(page.getByRole('note', { name: 'Filter hint' })).toContainText('goes in the expression field');
  await text.fill('INFO worker-');
  await expect(page.getByRole('note', { name: 'Filter hint' })).toHaveCount(0);
  await expect(table.getByRole('row').nth(1)).toContainText('INFO worker-');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(previewState(page)).toContainText('Stopped');
});

test('a catastrophic regular expression over hostile records leaves the page responsive', async ({ page, ownServed }) => {
  // 200 records of 16,000 "a"s and a "!": (a+)+$ backtracks for ages on each in a JavaScript RegExp.
  const tab = await openTab(ownServed.origin, ownServed.token);
  const active = await tab.call('connections:active', {});
  tab.close();
  const endpoint = (active as { value: { endpoint: string } }).value.endpoint;
  const client = createKinesisClient({ region: SANDBOX_REGION, endpoint, credentials: SANDBOX_CREDENTIALS });
  const hostile = Buffer.from('a'.repeat(16_000) + '!');
  for (let batch = 0; batch < 4; batch++) {
    await client.send(
      new PutRecordsCommand({
        StreamName: 'orders',
        Records: Array.from({ length: 50 }, (_, i) => ({ PartitionKey: `hostile-${batch}-${i}`, Data: hostile })),
      }),
    );
  }
  client.destroy();

  await page.goto(ownServed.url);
  await startPreview(page, { stream: 'orders', from: 'TRIM_HORIZON' });
  const table = previewRecords(page);
  await page.getByRole('searchbox', { name: 'Filter records' }).fill('hostile-3-49');
  await expect(table.getByRole('row').nth(1)).toContainText('hostile-3-49', { timeout: 20_000 });

  await page.getByRole('checkbox', { name: 'Regex' }).check();
  await page.getByRole('searchbox', { name: 'Filter records' }).fill('(a+)+$');
  // The page answers at once: a backtracking engine would hold its main thread for minutes here.
  await expect(table.getByRole('row')).toHaveCount(1, { timeout: 10_000 });
  expect(await page.evaluate(() => 'responsive')).toBe('responsive');
  await page.getByRole('searchbox', { name: 'Filter records' }).fill('^a+!$');
  await expect(table.getByRole('row').nth(1)).toContainText('hostile-', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
});
