import { expect, test } from './fixtures';

test('the keyboard reaches everything: a skip link, page shortcuts, the filter on /, and the list of shortcuts on ?', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await expect(page.getByRole('table', { name: 'Streams' })).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();

  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Filter streams' })).toBeFocused();
  // Typed into a field, the keys are the field's.
  await page.keyboard.type('g t');
  await expect(page.getByRole('searchbox', { name: 'Filter streams' })).toHaveValue('g t');
  await page.getByRole('searchbox', { name: 'Filter streams' }).fill('');
  await page.locator('main#main').focus();

  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page.getByRole('button', { name: 'Throughput', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('g');
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Live preview' })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('/');
  await expect(page.getByRole('combobox', { name: 'Stream to preview' })).toBeFocused();
  await page.locator('main#main').focus();

  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Go to Throughput');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page.getByRole('table', { name: 'Streams' })).toBeVisible();
});
