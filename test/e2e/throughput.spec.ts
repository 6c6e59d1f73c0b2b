import { expect, test } from './fixtures';
import { measureThroughput } from '../support/ui-driver';

test('charts a demo stream and reads its current rates aloud', async ({ page, served }) => {
  await page.goto(served.url);
  await measureThroughput(page, 'clickstream');

  const readout = page.getByRole('status', { name: /^records per second: / });
  await expect(readout).toBeVisible({ timeout: 15_000 });
  // The sandbox writes about 20 records a second to clickstream.
  await expect.poll(async () => Number((await readout.getAttribute('aria-label'))!.split(': ')[1]), { timeout: 15_000 }).toBeGreaterThan(5);
  await expect(page.getByRole('status', { name: /^bytes per second: \d/ })).toBeVisible();
  // The sandbox's budget is the whole 5 calls a second; a trickling shard is read about once a second.
  const reads = page.getByRole('status', { name: /^Shardscope reads per shard per second: / });
  await expect(reads).toHaveAttribute('aria-label', /: [\d.]+ of 5$/);
  await expect
    .poll(async () => Number(/: ([\d.]+) of/.exec((await reads.getAttribute('aria-label'))!)![1]), { timeout: 10_000 })
    .toBeLessThanOrEqual(1.5);
  await expect(page.getByRole('note')).toContainText('Shardscope keeps to 5 GetRecords calls a second per shard');
  for (const chart of [
    'Records per second',
    'Bytes per second',
    "Shardscope's GetRecords calls per second",
    'Milliseconds behind latest',
  ]) {
    await expect(page.getByRole('figure', { name: chart }).locator('canvas')).toHaveCount(1);
  }
  await expect(page.getByRole('group', { name: /Shards drawn/ }).getByRole('checkbox')).toHaveCount(4);
  await page
    .getByRole('group', { name: /Shards drawn/ })
    .getByRole('checkbox', { name: '#0' })
    .uncheck();
  await expect(page.getByRole('group', { name: /Shards drawn/ }).getByRole('checkbox', { name: '#0' })).not.toBeChecked();
  await expect(page.getByRole('region', { name: /CloudWatch/ })).toContainText('Not available: CloudWatch metrics exist only on AWS');

  await page.getByRole('button', { name: 'Pause charts' }).click();
  const paused = await readout.getAttribute('aria-label');
  await page.waitForTimeout(2_500);
  await expect(readout).toHaveAttribute('aria-label', paused!);
  await page.getByRole('button', { name: 'Resume charts' }).click();
  await page.getByRole('button', { name: 'Stop' }).click();
});

test('the charts have a text alternative: the last minute as a table, on request', async ({ page, served }) => {
  await page.goto(served.url);
  await measureThroughput(page, 'orders');
  await page.getByText('The last minute as a table').click();
  const table = page.getByRole('table', { name: 'Records a second per shard, the last minute' });
  await expect(table.getByRole('columnheader')).toHaveText(['Time', 'Records/s', 'Bytes/s', '#0 records/s', '#1 records/s']);
  await expect.poll(async () => table.getByRole('row').count(), { timeout: 10_000 }).toBeGreaterThan(3);
});
