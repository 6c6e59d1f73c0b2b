import { readFile, writeFile } from 'node:fs/promises';
import { axeFindings } from './axe';
import { expect, test } from './fixtures';

test('a put made in the app tops the audit log, filters narrow it, and verifying finds an edited line', async ({ page, ownServed }) => {
  await page.goto(ownServed.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
  await page.getByRole('region', { name: 'Stream orders' }).getByRole('button', { name: 'Put a record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Put a record into orders' });
  await dialog.getByRole('textbox', { name: 'Data' }).fill('{"order": "audited"}');
  await dialog.getByRole('textbox', { name: 'Partition key' }).fill('audit-1');
  await dialog.getByRole('button', { name: 'Review and write…' }).click();
  await dialog.getByRole('region', { name: 'Confirm the write' }).getByRole('button', { name: 'Write to orders' }).click();
  await expect(dialog.getByRole('region', { name: 'Record written' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The palette opens the page.
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog', { name: 'Go to a page or a stream' }).getByRole('combobox').fill('audit');
  await page.getByRole('option', { name: /Open the audit log/ }).click();
  const table = page.getByRole('table', { name: 'Audit entries' });
  const newest = table.getByRole('row').nth(1);
  await expect(newest).toContainText('Put a record');
  await expect(newest).toContainText('Succeeded');
  await expect(newest).toContainText('orders');

  // The row opens its entry from the keyboard: its button takes Enter as a click.
  await newest.getByRole('button', { name: 'Put a record' }).focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: /^Put a record/ });
  await expect(details.getByRole('definition').filter({ hasText: /^orders$/ })).toBeVisible();
  await expect(details.getByLabel('Outcome')).toContainText('Succeeded');
  // The plan names the record's size, never its data.
  await expect(details.getByLabel('The confirmed plan')).toContainText('"dataBytes": 20');
  await expect(details).not.toContainText('audited"}');

  const footer = page.getByRole('status').filter({ hasText: /shown/ });
  await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Put a record' });
  await expect(footer).toHaveText('1 entry shown.');
  await expect(table.getByRole('row').nth(1)).toContainText('Put a record');
  await page.getByLabel('Since (your local time)').fill('2099-01-01T00:00');
  await expect(page.getByRole('status').filter({ hasText: 'No entry matches' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('Put a record');

  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The chain holds' })).toHaveText(/The chain holds: \d+ entr(y|ies) checked\./);
  expect(await axeFindings(page, 'main')).toEqual([]);

  // Someone edits the put's line in the file: verifying names that line and why.
  const file = (await page.locator('.page__intro .mono').textContent())!;
  const lines = (await readFile(file, 'utf8')).split('\n');
  const putLine = lines.findIndex((line) => line.includes('"writes:put"'));
  lines[putLine] = lines[putLine]!.replace('"succeeded"', '"failed"');
  await writeFile(file, lines.join('\n'));
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByRole('alert')).toContainText(`The chain is broken at line ${putLine + 1}: line ${putLine + 1}`);
  expect(await axeFindings(page, 'main')).toEqual([]);
});
