import { expect, test } from './fixtures';
import { measureStreamPicker, openPage, previewStreamPicker } from '../support/ui-driver';

test('streams are picked from a list by keyboard, with type-ahead and the recent choice first', async ({ page, served }) => {
  await page.goto(served.url);
  await openPage(page, 'Throughput');
  const measure = measureStreamPicker(page);
  await measure.fill('str');
  const options = page.getByRole('listbox').getByRole('option');
  // Prefix matches first, then names containing it.
  await expect(options).toHaveText(['clickstream']);
  await measure.fill('');
  await measure.fill('o');
  await expect(options.first()).toHaveText('orders');
  await measure.press('ArrowDown');
  await measure.press('Enter');
  await expect(measure).toHaveValue('orders');
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(0);

  await openPage(page, 'Live preview');
  const preview = previewStreamPicker(page);
  // Carried from the choice on Throughput; emptied, the list offers the recent choice first.
  await expect(preview).toHaveValue('orders');
  await preview.fill('');
  await preview.press('ArrowDown');
  await expect(page.getByRole('listbox').getByRole('option').first()).toHaveText('orders recent');
  await preview.press('Escape');
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(0);
});

test('a stream chosen on one page, or opened from the list, is carried to the others', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'clickstream' }).click();
  await openPage(page, 'Throughput');
  await expect(measureStreamPicker(page)).toHaveValue('clickstream');
  await openPage(page, 'Permissions');
  await expect(page.getByRole('combobox', { name: 'Stream to check' })).toHaveValue('clickstream');
  await openPage(page, 'Runs');
  await expect(page.getByRole('combobox', { name: 'Stream' })).toHaveValue('clickstream');

  // A choice from a page's list is carried the same way.
  await openPage(page, 'Throughput');
  const measure = measureStreamPicker(page);
  await measure.fill('mixed');
  await measure.press('ArrowDown');
  await measure.press('Enter');
  await openPage(page, 'Live preview');
  await expect(previewStreamPicker(page)).toHaveValue('mixed-encodings');
  await openPage(page, 'Permissions');
  await expect(page.getByRole('combobox', { name: 'Stream to check' })).toHaveValue('mixed-encodings');
});
