import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { sidewaysOverflow } from './sideways';
import { previewRecords, startingPosition, startPreview } from '../support/ui-driver';

const width = async (locator: Locator) => (await locator.boundingBox())!.width;

async function previewFromTheStart(page: Page, stream: string) {
  await expect(page.getByRole('table', { name: 'Streams' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('p');
  // Opened by its keyboard shortcut (g then p), not the navigation.
  await startPreview(page, { stream, from: 'TRIM_HORIZON', open: false });
  await expect(previewRecords(page).getByRole('row')).not.toHaveCount(1, { timeout: 20_000 });
}

test('columns resize by keyboard and pointer and stay so; with the inspector open at 1024 px the data column keeps the room', async ({
  browser,
  served,
}) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  const page = await context.newPage();
  try {
    await page.goto(served.url);
    await previewFromTheStart(page, 'clickstream');
    const table = page.getByRole('table', { name: 'Records' });
    const data = table.getByRole('columnheader', { name: 'Data' });
    const arrivalHeader = table.getByRole('columnheader', { name: 'Arrival' });

    // A column by keyboard…
    const arrival = page.getByRole('separator', { name: 'Resize column Arrival' });
    await expect(arrival).toHaveAttribute('aria-valuenow', '110');
    const dataBefore = await width(data);
    await arrival.focus();
    await arrival.press('ArrowRight');
    await arrival.press('Shift+ArrowRight');
    await expect(arrival).toHaveAttribute('aria-valuenow', String(110 + 16 + 64));
    await expect.poll(() => width(arrivalHeader)).toBe(110 + 16 + 64);
    // …the data column giving up what the other took…
    expect(await width(data)).toBe(dataBefore - 16 - 64);
    // …and by pointer.
    const key = page.getByRole('separator', { name: 'Resize column Partition key' });
    const box = (await key.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 40, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect(key).toHaveAttribute('aria-valuenow', '80');
    // Widened far past the room there is, a column takes what the table can give and no more:
    // the data column keeps its floor and nothing is pushed past the table's edge.
    await key.focus();
    for (let i = 0; i < 10; i++) await key.press('Shift+ArrowRight');
    await expect(key).toHaveAttribute('aria-valuenow', String(80 + 640));
    expect(await width(data)).toBe(120);
    expect(await sidewaysOverflow(page)).toEqual([]);
    await key.press('Enter');
    await key.press('Shift+ArrowLeft');
    await expect(key).toHaveAttribute('aria-valuenow', String(120 - 64));

    // The inspector opens beside the records: the sequence number and size step aside and the data
    // column still has a quarter of the table.
    await table.getByRole('row').nth(2).click();
    const inspector = page.getByRole('region', { name: 'Record inspector' });
    await expect(inspector).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Sequence number' })).toHaveCount(0);
    expect(await width(data)).toBeGreaterThan(0.25 * (await width(table)));
    expect(await sidewaysOverflow(page)).toEqual([]);

    // The inspector is a pane of a split, resized from its handle.
    const handle = page.getByRole('separator', { name: 'Resize the records and the record inspector' });
    const inspectorBefore = await width(inspector);
    await handle.focus();
    for (let i = 0; i < 4; i++) await handle.press('ArrowLeft');
    await expect.poll(() => width(inspector)).toBeGreaterThan(inspectorBefore + 20);
    expect(await sidewaysOverflow(page)).toEqual([]);

    // Esc belongs to a field first (it clears a search box), then closes the inspector and
    // leaves the focus on the records, where the arrow keys carry on.
    const filter = page.getByRole('searchbox', { name: 'Filter records' });
    await filter.fill('user');
    await filter.press('Escape');
    await expect(inspector).toBeVisible();
    const rows = table.getByRole('rowgroup', { name: /Record rows/ });
    await rows.focus();
    await page.keyboard.press('Escape');
    await expect(inspector).toHaveCount(0);
    await expect(rows).toBeFocused();

    // Sizes come back after a reload; Enter gives a column its starting width back.
    await page.reload();
    await previewFromTheStart(page, 'clickstream');
    await expect(page.getByRole('separator', { name: 'Resize column Arrival' })).toHaveAttribute('aria-valuenow', '190');
    await expect(page.getByRole('separator', { name: 'Resize column Partition key' })).toHaveAttribute('aria-valuenow', '56');
    await page.getByRole('separator', { name: 'Resize column Arrival' }).press('Enter');
    await expect(page.getByRole('separator', { name: 'Resize column Arrival' })).toHaveAttribute('aria-valuenow', '110');
  } finally {
    await context.close();
  }
});

test('a shard is picked from the stream’s shards to preview from a sequence number', async ({ page, served }) => {
  await page.goto(served.url);
  await previewFromTheStart(page, 'clickstream');
  const table = page.getByRole('table', { name: 'Records' });
  await page.getByRole('button', { name: 'Pause' }).click();
  await table.getByRole('row').nth(3).click();
  const inspector = page.getByRole('region', { name: 'Record inspector' });
  const shardId = (await inspector.getByRole('definition').nth(0).textContent())!.trim();
  const sequence = (await inspector.getByRole('definition').nth(1).locator('.mono').textContent())!.trim().split(' ')[0]!;
  await page.getByRole('button', { name: 'Stop' }).click();

  await startingPosition(page).selectOption('AT_SEQUENCE_NUMBER');
  const shard = page.getByRole('combobox', { name: 'Shard', exact: true });
  await shard.fill(String(Number(shardId.slice(-12))));
  const options = page.getByRole('listbox').getByRole('option');
  // clickstream has four open shards; typing a number offers that one first, with its share of the keys.
  await expect(options.first()).toContainText(shardId);
  await expect(options.first()).toContainText('open · 25% of keys');
  await shard.press('ArrowDown');
  await shard.press('Enter');
  await expect(shard).toHaveValue(shardId);
  // Esc closes the list; it never erases what was chosen or pasted.
  await shard.press('Escape');
  await shard.press('Escape');
  await expect(shard).toHaveValue(shardId);
  await page.getByRole('textbox', { name: 'Sequence number' }).fill(sequence);
  await page.getByRole('button', { name: 'Start preview' }).click();
  await page.getByRole('combobox', { name: 'Order' }).selectOption('oldest');
  await expect(table.getByRole('row').nth(1)).toContainText(sequence.slice(-8), { timeout: 15_000 });
});

test('Esc closes the stream’s detail', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Stream orders' });
  await expect(detail).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
});
