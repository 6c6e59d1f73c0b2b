import { expect, test } from './fixtures';
import { openTab } from '../support/socket-client';

test('the Runs form offers exactly the compressions main says its runtime can write', async ({ page, served }) => {
  const tab = await openTab(served.origin, served.token);
  const info = (await tab.call('app:info', {})) as { ok: true; value: { compressions: Record<string, string[]> } };
  tab.close();
  expect(info.ok).toBe(true);

  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
  const form = page.getByRole('form', { name: 'Start a run' });
  for (const [format, label] of [
    ['jsonl', 'JSON Lines'],
    ['csv', 'CSV (delimited)'],
    ['parquet', 'Parquet'],
  ] as const) {
    await form.getByRole('combobox', { name: 'Format' }).selectOption({ label });
    const [first, ...rest] = info.value.compressions[format]!;
    await expect(form.getByRole('combobox', { name: 'Compression' }).getByRole('option')).toHaveText([`${first} (default)`, ...rest]);
  }
});
