import { expect, test } from './fixtures';

test('streams are picked from a list by keyboard, with type-ahead and the recent choice first', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Throughput' }).click();
  const measure = page.getByRole('combobox', { name: 'Stream to measure' });
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

  await page.getByRole('navigation').getByRole('button', { name: 'Live preview' }).click();
  const preview = page.getByRole('combobox', { name: 'Stream to preview' });
  await preview.focus();
  await preview.press('ArrowDown');
  await expect(page.getByRole('listbox').getByRole('option').first()).toHaveText('orders recent');
  await preview.press('Escape');
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(0);
});
