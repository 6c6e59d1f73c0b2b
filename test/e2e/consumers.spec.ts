import { expect, test } from './fixtures';

test('the Consumers panel shows the sandbox’s KCL applications per shard, charts their lag, and moves a stopped one’s checkpoints', async ({
  page,
  ownServed,
}) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(ownServed.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
  const panel = page.getByRole('region', { name: 'Consumers' });
  const running = panel.getByRole('region', { name: 'KCL application orders-fulfilment' });
  const stopped = panel.getByRole('region', { name: 'KCL application orders-audit' });
  await expect(running.getByRole('table', { name: 'Shards of orders-fulfilment' }).getByRole('row')).toHaveCount(3);
  await expect(running.getByText('KCL 2.x')).toBeVisible();
  await expect(running.getByRole('img', { name: /^Lag per shard of orders-fulfilment/ })).toBeVisible();
  await expect(stopped.getByText('KCL 3.x')).toBeVisible();
  await expect(stopped.getByRole('table', { name: 'Shards of orders-audit' })).toContainText('TRIM_HORIZON');
  await expect(panel.getByText('Not available: The sandbox has no Lambda.')).toBeVisible();
  await panel.screenshot({ path: 'test-results/consumers-panel.png' });
  // The summary counts every reader, not only the enhanced fan-out consumers Kinesis counts.
  const consumersRow = page.getByRole('region', { name: 'Summary' }).getByRole('definition').filter({ hasText: 'KCL' });
  await expect(consumersRow).toHaveText('0 enhanced fan-out consumers · 2 KCL applications · Lambda mappings not read');

  // Found by shard ids only, a table may be another stream's application: moving needs it named.
  await expect(stopped.getByText('Name it above to move its checkpoints.')).toBeVisible();
  await expect(stopped.getByRole('button', { name: 'Move checkpoints of orders-audit' })).toHaveCount(0);
  await panel.getByRole('textbox', { name: 'KCL applications' }).fill('orders-fulfilment, orders-audit');
  await panel.getByRole('button', { name: 'Read' }).click();
  await expect(stopped.getByText('named by you')).toBeVisible();

  // A running application: the plan says so, and offers nothing to confirm.
  await running.getByRole('button', { name: 'Move checkpoints of orders-fulfilment' }).click();
  const runningMove = page.getByRole('dialog', { name: 'Move checkpoints of orders-fulfilment' });
  await expect(runningMove.getByRole('alert')).toContainText('the application is running', { timeout: 20_000 });
  await expect(runningMove.getByRole('button', { name: 'Review and write…' })).toHaveCount(0);
  await runningMove.getByRole('button', { name: 'Close move checkpoints of orders-fulfilment' }).click();

  // The stopped one: moved to LATEST once the table has been quiet, after a confirmation naming table and stream.
  await stopped.getByRole('button', { name: 'Move checkpoints of orders-audit' }).click();
  const move = page.getByRole('dialog', { name: 'Move checkpoints of orders-audit' });
  await move.getByRole('combobox', { name: 'Move to' }).selectOption('LATEST');
  await move.getByRole('textbox', { name: 'No lease renewed for (seconds)' }).fill('5');
  await expect(move.getByRole('table', { name: 'Checkpoint changes' }).getByRole('row')).toHaveCount(3);
  await move.getByRole('button', { name: 'Review and write…' }).click({ timeout: 30_000 });
  await expect(move.getByRole('region', { name: 'Confirm the write' })).toContainText('lease table orders-audit');
  await expect(move.getByRole('region', { name: 'Confirm the write' })).toContainText('Local sandbox');
  await move.getByRole('button', { name: 'Move 2 checkpoints in orders-audit' }).click();
  await expect(move).toHaveCount(0);
  await expect(stopped.getByRole('table', { name: 'Shards of orders-audit' }).getByText('LATEST')).toHaveCount(2, { timeout: 20_000 });
});
