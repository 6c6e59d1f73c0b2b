import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { previewRecords, startPreview } from '../support/ui-driver';

test('a search saved as a view comes back whole from its link and the palette; hostile links and files are refused', async ({
  page,
  ownServed,
}) => {
  await page.goto(ownServed.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click();
  const form = page.getByRole('form', { name: 'Search a window' });
  const fields = {
    stream: form.getByRole('combobox', { name: 'Stream to search' }),
    start: form.getByRole('combobox', { name: 'Window start' }),
    end: form.getByRole('textbox', { name: 'Window end' }),
    expression: form.getByRole('textbox', { name: 'Expression (CEL)' }),
    limit: form.getByRole('spinbutton', { name: 'Most matches' }),
  };
  await fields.stream.fill('orders');
  await fields.start.selectOption('-1h');
  await fields.end.fill('-5m');
  await fields.expression.fill('data.status == "FAILED"');
  await fields.limit.fill('250');

  await form.getByRole('button', { name: 'Save as view…' }).click();
  const save = page.getByRole('dialog', { name: 'Save as view' });
  await save.getByRole('textbox', { name: 'Name' }).fill('failed orders');
  await save.getByRole('textbox', { name: 'Note' }).fill('what support asks for');
  await save.getByRole('button', { name: 'Save view' }).click();
  await expect(save.getByRole('status', { name: 'View saved' })).toBeVisible();
  const link = await save.getByRole('textbox', { name: /Link to this view/ }).inputValue();
  expect(link).toContain('#view=');
  expect(link).not.toContain(ownServed.token);
  await save.getByRole('button', { name: 'Done' }).click();

  // A fresh load of the link (the token is this tab's, kept from the first address) restores every field.
  await page.goto('about:blank');
  await page.goto(link);
  await expect(form).toBeVisible();
  await expect(fields.stream).toHaveValue('orders');
  await expect(fields.start).toHaveValue('-1h');
  await expect(fields.end).toHaveValue('-5m');
  await expect(fields.expression).toHaveValue('data.status == "FAILED"');
  await expect(fields.limit).toHaveValue('250');
  expect(page.url()).not.toContain('view=');

  // The palette offers it from another page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Streams' }).click();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Go to a page or a stream' });
  await palette.getByRole('combobox').fill('failed');
  await palette.getByRole('option', { name: /Open view: failed orders/ }).click();
  await expect(fields.expression).toHaveValue('data.status == "FAILED"');

  // A view from a connection this app lacks asks which connection to read it on.
  const view = JSON.parse(decodeURIComponent(new URL(link).hash.slice('#view='.length))) as Record<string, unknown>;
  await page.goto(
    `${ownServed.origin}/#view=${encodeURIComponent(JSON.stringify({ ...view, connection: 'someone-else', stream: 'clicks' }))}`,
  );
  const choose = page.getByRole('dialog', { name: 'Open the view failed orders' });
  await expect(choose).toContainText('which this app does not have');
  await choose.getByRole('button', { name: 'Open view' }).click();
  await expect(fields.stream).toHaveValue('clicks');

  // A link that carries more than a view is refused whole, naming the field.
  await page.goto(`${ownServed.origin}/#view=${encodeURIComponent(JSON.stringify({ ...view, stream: 'evil', records: ['x'] }))}`);
  const refused = page.getByRole('dialog', { name: "The link's view was refused" });
  await expect(refused).toContainText('records');
  await refused.getByRole('button', { name: /^Close/ }).click();
  await expect(fields.stream).toHaveValue('clicks');

  // So is an imported file with an oversized field; the saved views stay as they were.
  const hostile = path.join(mkdtempSync(path.join(tmpdir(), 'views-')), 'views.json');
  writeFileSync(hostile, JSON.stringify({ version: 1, views: [{ ...view, name: 'big', note: 'n'.repeat(5_000) }] }));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  const section = page.getByRole('region', { name: 'Saved views' });
  await section.getByLabel('Import views file').setInputFiles(hostile);
  await expect(section.getByRole('alert')).toContainText('views.0.note');
  await expect(section.getByRole('list', { name: 'Saved views' }).getByRole('listitem')).toHaveCount(1);
});

test('a preview saved as a view brings back its start and filters from the palette', async ({ page, ownServed }) => {
  await page.goto(ownServed.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Preview' }).click();
  const controls = page.getByRole('form', { name: 'Start a preview' });
  await controls.getByRole('combobox', { name: 'Stream to preview' }).fill('orders');
  await controls.getByRole('combobox', { name: 'Starting position' }).selectOption('AT_TIMESTAMP');
  await controls.getByRole('textbox', { name: 'Start time' }).fill('-2h');
  const text = page.getByRole('searchbox', { name: 'Filter records' });
  const expression = page.getByRole('textbox', { name: 'Expression filter (CEL, as in Search)' });
  await text.fill('EUR');
  await expression.fill('size > 10');
  await page.getByRole('button', { name: 'Save as view…' }).click();
  const save = page.getByRole('dialog', { name: 'Save as view' });
  await save.getByRole('textbox', { name: 'Name' }).fill('euro orders');
  await save.getByRole('button', { name: 'Save view' }).click();
  await expect(save.getByRole('status', { name: 'View saved' })).toBeVisible();
  await save.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Streams' }).click();
  await page.keyboard.press('Control+k');
  await page.getByRole('option', { name: /Open view: euro orders/ }).click();
  await expect(controls.getByRole('combobox', { name: 'Starting position' })).toHaveValue('AT_TIMESTAMP');
  await expect(controls.getByRole('textbox', { name: 'Start time' })).toHaveValue('-2h');
  await expect(text).toHaveValue('EUR');
  await expect(expression).toHaveValue('size > 10');
});

/** The record table's column headers, by their accessible names. */
const headers = (page: Page) =>
  previewRecords(page)
    .getByRole('columnheader')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label')));

test('a view keeps the record columns chosen, and its link shows exactly those again', async ({ page, ownServed }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(ownServed.url);
  await startPreview(page, { stream: 'orders', from: 'TRIM_HORIZON' });
  // Polled: before the table is drawn there are no rows at all, which "not one row" lets through.
  await expect
    .poll(() => headers(page), { timeout: 20_000 })
    .toEqual(['Arrival', 'Shard', 'Sequence number', 'Partition key', 'Size', 'Data']);

  // From the keyboard: the list opens on its first box, Tab moves, Space unchecks, Esc closes.
  const columns = page.getByRole('button', { name: 'Columns' });
  await columns.focus();
  await page.keyboard.press('Enter');
  const chooser = page.getByRole('group', { name: 'Columns shown' });
  await expect(chooser.getByRole('checkbox', { name: 'Arrival' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await chooser.getByRole('checkbox', { name: 'Size' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(chooser).toBeHidden();
  await expect(columns).toBeFocused();
  const saved = ['Arrival', 'Sequence number', 'Partition key', 'Data'];
  await expect.poll(() => headers(page)).toEqual(saved);

  await page.getByRole('button', { name: 'Save as view…' }).click();
  const save = page.getByRole('dialog', { name: 'Save as view' });
  await save.getByRole('textbox', { name: 'Name' }).fill('order keys');
  await save.getByRole('button', { name: 'Save view' }).click();
  const link = await save.getByRole('textbox', { name: /Link to this view/ }).inputValue();
  expect(JSON.parse(decodeURIComponent(new URL(link).hash.slice('#view='.length))).settings.columns).toEqual([
    'arrival',
    'sequence',
    'key',
    'data',
  ]);
  await save.getByRole('button', { name: 'Done' }).click();

  // Every column back on here, so only the link can hide them again.
  await columns.click();
  await chooser.getByRole('checkbox', { name: 'Shard' }).check();
  await chooser.getByRole('checkbox', { name: 'Size' }).check();
  await expect.poll(() => headers(page)).toHaveLength(6);

  await page.goto('about:blank');
  await page.goto(link);
  await startPreview(page, { open: false });
  await expect.poll(() => headers(page), { timeout: 20_000 }).toEqual(saved);
  await columns.click();
  await expect(chooser.getByRole('checkbox', { name: 'Shard' })).not.toBeChecked();
  await expect(chooser.getByRole('checkbox', { name: 'Data' })).toBeChecked();
});

test('a recent search expression is saved as a view from its own button', async ({ page, ownServed }) => {
  await page.goto(ownServed.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click();
  const form = page.getByRole('form', { name: 'Search a window' });
  const expression = form.getByRole('textbox', { name: 'Expression (CEL)' });
  await form.getByRole('combobox', { name: 'Stream to search' }).fill('orders');
  await expression.fill('data.channel == "web"');
  await form.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status', { name: 'state: done' })).toBeVisible();
  // With results the form folds to one line (a young sandbox may have none yet); unfolded, it lists the recent expressions.
  const change = page.getByRole('group', { name: 'Current search' }).getByRole('button', { name: 'Change search' });
  if (await change.isVisible()) await change.click();
  const recent = form.getByLabel('Recent expressions');
  await expect(recent.getByRole('button', { name: 'data.channel == "web"', exact: true })).toBeVisible();

  // The form has moved on; the recent one is what gets saved.
  await expression.fill('size > 1');
  await recent.getByRole('button', { name: 'Save data.channel == "web" as a view…' }).click();
  const save = page.getByRole('dialog', { name: 'Save as view' });
  await save.getByRole('textbox', { name: 'Name' }).fill('web orders');
  await save.getByRole('button', { name: 'Save view' }).click();
  await expect(save.getByRole('status', { name: 'View saved' })).toBeVisible();
  await save.getByRole('button', { name: 'Done' }).click();

  await page.keyboard.press('Control+k');
  await page.getByRole('option', { name: /Open view: web orders/ }).click();
  await expect(expression).toHaveValue('data.channel == "web"');
});
