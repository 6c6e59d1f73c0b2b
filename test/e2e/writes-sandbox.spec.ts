import { expect, test } from './fixtures';

const SANDBOX = 'the local sandbox (on this machine, no AWS account)';

test('put and copy confirmations in the sandbox name the local sandbox, as main planned it, and the put lands', async ({
  page,
  ownServed,
}) => {
  await page.goto(ownServed.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
  const detail = page.getByRole('region', { name: 'Stream orders' });
  await detail.getByRole('button', { name: 'Put a record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Put a record into orders' });
  await dialog.getByRole('textbox', { name: 'Data' }).fill('{"order": "from the sandbox test"}');
  await dialog.getByRole('textbox', { name: 'Partition key' }).fill('sandbox-1');
  await dialog.getByRole('button', { name: 'Review and write…' }).click();
  const confirm = dialog.getByRole('region', { name: 'Confirm the write' });
  await expect(confirm.locator('p').first()).toHaveText(`Put 1 record into orders in ${SANDBOX}:`);
  await expect(confirm.locator('.pairs__row').filter({ hasText: 'Account' })).toHaveText('Accountnone: the local sandbox, on this machine');
  await confirm.getByRole('button', { name: 'Write to orders' }).click();
  const written = dialog.getByRole('region', { name: 'Record written' });
  await expect(written).toContainText(/Written to shardId-\d+ as sequence number \d+ \(key sandbox-1\)\./);

  // The record is read back from the stream: the preview opened at it shows its data.
  await written.getByRole('button', { name: 'Open in live preview' }).click();
  await expect(page.getByRole('region', { name: 'Record inspector' })).toContainText('from the sandbox test');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Streams' }).click();
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
  await detail.getByRole('button', { name: 'Copy to…' }).click();
  const copy = page.getByRole('dialog', { name: 'Copy from orders' });
  await copy.getByRole('combobox', { name: 'To stream' }).fill('clickstream');
  await copy.getByRole('button', { name: 'Review and write…' }).click();
  const copyConfirm = copy.getByRole('region', { name: 'Confirm the write' });
  await expect(copyConfirm.locator('p').first()).toHaveText(`Copy orders into clickstream in ${SANDBOX}:`);
  await expect(copyConfirm.locator('.pairs__row').filter({ hasText: 'Account' })).toHaveText(
    'Accountnone: the local sandbox, on this machine',
  );
  // Back from the confirmation: nothing copied, and the plan asked for again on the next review.
  await copyConfirm.getByRole('button', { name: 'Back' }).click();
  await expect(copy.getByRole('button', { name: 'Review and write…' })).toBeVisible();
});
