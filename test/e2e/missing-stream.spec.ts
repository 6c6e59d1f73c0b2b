import { expect, test } from './fixtures';

test('a mistyped stream is said as missing, with the name that was meant', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Permissions' }).click();
  const stream = page.getByRole('combobox', { name: 'Stream to check' });
  await stream.fill('ordrs');
  // The typed name, not a pick from the list: Escape closes the suggestions the combobox opened.
  await stream.press('Escape');
  await page.getByRole('button', { name: 'Check permissions' }).click();
  await expect(page.getByRole('alert')).toContainText('There is no stream ordrs in us-east-1. Did you mean orders?');
  await expect(page.getByRole('status', { name: 'Verdict' })).toHaveCount(0);
});
