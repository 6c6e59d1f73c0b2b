import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { startCli, type LongRunningCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';

// One server, one stream and one `shardscope serve` for the file: each test only reads.
let server: RunningKinesisServer;
let cli: LongRunningCli;
// Sizes whose text sorts differently from their numbers: 9 B, 10 B, 100 B.
const sizes = [100, 9, 10, 30];
const COUNT = 12;

test.beforeAll(async () => {
  server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  try {
    await createStream(client, 'matches', 2);
    for (let batch = 0; batch < 3; batch++) {
      await put(
        client,
        'matches',
        Array.from({ length: COUNT / 3 }, (_, i) => {
          const n = batch * (COUNT / 3) + i;
          return { key: `k-${n}`, data: 'x'.repeat(sizes[n % sizes.length]!) };
        }),
      );
    }
  } finally {
    client.destroy();
  }
  cli = await startCli(['serve', '--endpoint', server.endpoint, '--port', '0']);
});

test.afterAll(async () => {
  await cli?.stop();
  await server?.stop();
});

async function searchAll(page: Page) {
  await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click();
  const form = page.getByRole('form', { name: 'Search a window' });
  await form.getByRole('combobox', { name: 'Stream to search' }).fill('matches');
  await form.getByRole('combobox', { name: 'Window start' }).selectOption('TRIM_HORIZON');
  await form.getByRole('textbox', { name: 'Expression (CEL)' }).fill('size > 0');
  await form.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status', { name: 'state: done' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('table', { name: 'Records' })).toHaveAttribute('aria-rowcount', String(COUNT + 1));
}

const cells = (page: Page, column: string) =>
  page.getByRole('table', { name: 'Records' }).locator(`.stream-table__body [data-column="${column}"]`).allTextContents();

test('search results arrive in arrival order and sort by a column from a click or the keyboard, with aria-sort said', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await searchAll(page);
  const table = page.getByRole('table', { name: 'Records' });
  const header = (name: string) => table.getByRole('columnheader', { name });

  await expect(header('Arrival')).toHaveAttribute('aria-sort', 'ascending');
  const arrivals = await table
    .locator('.stream-table__body [data-column="arrival"] span')
    .evaluateAll((spans) => spans.map((s) => s.getAttribute('title')));
  expect(arrivals).toEqual([...arrivals].sort());

  await header('Partition key').getByRole('button').click();
  await expect(header('Partition key')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header('Arrival')).not.toHaveAttribute('aria-sort');
  expect(await cells(page, 'key')).toEqual(Array.from({ length: COUNT }, (_, n) => `k-${n}`));
  await header('Partition key').getByRole('button').click();
  await expect(header('Partition key')).toHaveAttribute('aria-sort', 'descending');
  expect(await cells(page, 'key')).toEqual(Array.from({ length: COUNT }, (_, n) => `k-${COUNT - 1 - n}`));

  // By keyboard: the header is a button, so Enter and Space sort as a click does. Sizes sort as numbers.
  await header('Size').getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(header('Size')).toHaveAttribute('aria-sort', 'ascending');
  const ascending = (await cells(page, 'size')).map((text) => Number.parseInt(text, 10));
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  expect(new Set(ascending)).toEqual(new Set(sizes));
  await page.keyboard.press('Space');
  await expect(header('Size')).toHaveAttribute('aria-sort', 'descending');
  expect((await cells(page, 'size')).map((text) => Number.parseInt(text, 10))).toEqual([...ascending].reverse());
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`with results the search form folds to one line and the results fill the window, ${colorScheme} theme, four sizes`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1024, height: 640 } });
    const page = await context.newPage();
    try {
      await searchAll(page);
      const current = page.getByRole('group', { name: 'Current search' });
      await expect(current).toContainText('matches · everything kept, until caught up · size > 0');
      const toggle = current.getByRole('button', { name: 'Change search' });
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(page.getByRole('textbox', { name: 'Expression (CEL)' })).toBeHidden();
      for (const [width, height] of [
        [1024, 640],
        [1200, 720],
        [1440, 900],
        [2560, 1440],
      ] as const) {
        await page.setViewportSize({ width, height });
        const table = page.getByRole('table', { name: 'Records' });
        await expect
          .poll(async () => {
            const box = (await table.boundingBox())!;
            // The table reaches the bottom of the window and takes most of its height.
            return box.y + box.height >= height - 40 && box.height >= height * 0.55;
          }, `the results fill ${width}×${height}`)
          .toBe(true);
        await page.screenshot({ path: `test-results/search-results-${colorScheme}-${width}.png` });
      }
      // The form comes back on request, as it was.
      await toggle.click();
      await expect(current.getByRole('button', { name: 'Hide the search form' })).toHaveAttribute('aria-expanded', 'true');
      await expect(page.getByRole('textbox', { name: 'Expression (CEL)' })).toHaveValue('size > 0');
    } finally {
      await context.close();
    }
  });
}
