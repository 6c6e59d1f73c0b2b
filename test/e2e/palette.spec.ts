import { expect, test } from './fixtures';
import { openPage, previewStreamPicker, streamFilter } from '../support/ui-driver';

test('the command palette opens any stream or page by name, from anywhere, by keyboard', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('table', { name: 'Streams' })).toBeVisible();
  const palette = page.getByRole('dialog', { name: 'Go to a page or a stream' });
  const input = palette.getByRole('combobox');

  // From inside a field: Ctrl+K is how one leaves it.
  await streamFilter(page).focus();
  await page.keyboard.press('Control+k');
  await expect(palette).toBeVisible();
  await expect(input).toBeFocused();
  await input.fill('orders');
  const options = palette.getByRole('option');
  await expect(options.first()).toHaveText('orders');
  await expect(palette.getByRole('option', { name: 'Preview orders' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Stream orders' })).toBeVisible();

  // A stream with something to do to it.
  await page.keyboard.press('Control+k');
  await input.fill('click');
  await palette.getByRole('option', { name: 'Preview clickstream' }).click();
  await expect(page.getByRole('heading', { name: 'Live preview' })).toBeVisible();
  await expect(previewStreamPicker(page)).toHaveValue('clickstream');

  // A page, with the arrow keys.
  await page.keyboard.press('Control+k');
  await input.fill('thr');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Throughput', level: 1 })).toBeVisible();

  // From another page, a stream opens on the Streams page with its detail, and the focus is not lost.
  await page.keyboard.press('Control+k');
  await input.fill('mixed');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Stream mixed-encodings' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.activeElement !== document.body)).toBe(true);
  await openPage(page, 'Throughput');

  // Nothing found says so; Esc closes and gives the page back.
  await page.getByRole('button', { name: /Go to…/ }).click();
  await input.fill('no-such-thing-at-all');
  await expect(palette).toContainText('Nothing is called that.');
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Throughput', level: 1 })).toBeVisible();
});
