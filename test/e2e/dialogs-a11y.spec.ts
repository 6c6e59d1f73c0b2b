import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** Controls in an ARIA snapshot that have no accessible name: a role with nothing quoted after it. */
async function unnamedControls(dialog: Locator): Promise<string[]> {
  const snapshot = await dialog.ariaSnapshot();
  return snapshot
    .split('\n')
    .filter((line) => /^\s*- (textbox|button|combobox|checkbox|radio|spinbutton|link)(\s*\[[^\]]*\])?:?\s*$/.test(line));
}

const changes = ['reshard', 'split', 'merge', 'retention', 'mode', 'encryption', 'monitoring', 'tags', 'consumer', 'delete'];

test('every control of the write and change dialogs has an accessible name, and Esc closes each', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
  const detail = page.getByRole('region', { name: 'Stream orders' });

  for (const open of [
    () => detail.getByRole('button', { name: 'Put a record' }).click(),
    () => detail.getByRole('button', { name: 'Copy to…' }).click(),
    () => page.getByRole('button', { name: 'Create stream' }).click(),
    ...changes.map((kind) => () => detail.getByRole('combobox', { name: 'Change orders' }).selectOption(kind)),
  ]) {
    await open();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    expect(await unnamedControls(dialog), (await dialog.getAttribute('aria-label')) ?? 'dialog').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  }
});
