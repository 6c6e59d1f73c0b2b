import { expect, test } from './fixtures';

test('the stream list shows the sandbox demo streams', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('status', { name: 'Active connection' })).toContainText('Local sandbox');
  const table = page.getByRole('table', { name: 'Streams' });
  await expect(table.getByRole('row')).toHaveCount(6);
  for (const [name, shards] of [
    ['clickstream', '4'],
    ['mixed-encodings', '1'],
    ['orders', '2'],
    ['payments', '1'],
    ['telemetry', '1'],
  ] as const) {
    const row = table.getByRole('row', { name: new RegExp(`^${name}\\b`) });
    await expect(row.getByRole('rowheader')).toHaveText(name);
    await expect(row.getByRole('cell').nth(0)).toHaveText('ACTIVE');
    await expect(row.getByRole('cell').nth(2)).toHaveText(shards);
  }
});

test('refresh reloads the list and says when', async ({ page, served }) => {
  await page.goto(served.url);
  const refresh = page.getByRole('button', { name: 'Refresh streams' });
  await expect(page.getByText(/^Updated /)).toBeVisible();
  const before = await page.getByText(/^Updated /).textContent();
  await page.waitForTimeout(1_100);
  await refresh.click();
  await expect(page.getByText(/^Updated /)).not.toHaveText(before!);
  await expect(refresh).toBeEnabled();
});

test('the demo producer status arrives as pushed events', async ({ page, served }) => {
  await page.goto(served.url);
  const status = page.getByRole('status', { name: 'Demo producer' });
  await expect(status).toHaveText(/Demo producer: [\d,]+ records written/);
  const first = Number((await status.textContent())!.match(/([\d,]+) records/)![1]!.replace(/,/g, ''));
  await expect
    .poll(async () => Number((await status.textContent())!.match(/([\d,]+) records/)![1]!.replace(/,/g, '')), { timeout: 10_000 })
    .toBeGreaterThan(first);
});

test('follows the OS theme', async ({ browser, served }) => {
  const backgrounds: Record<string, string> = {};
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(served.url);
    await expect(page.getByRole('table', { name: 'Streams' })).toBeVisible();
    backgrounds[colorScheme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await context.close();
  }
  expect(backgrounds.light).toBe('rgb(255, 255, 255)');
  expect(backgrounds.dark).toBe('rgb(22, 24, 29)');
});

test('every control has an accessible name', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('table', { name: 'Streams' })).toBeVisible();
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('button, a, input, select, textarea')]
      .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim()))
      .map((el) => el.outerHTML),
  );
  expect(unnamed).toEqual([]);
});
