import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { sidewaysOverflow } from './sideways';

/** Every word of every heading and badge on the page that is broken across lines, as "tag: word". */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, .badge')) {
      if (!element.offsetParent) continue;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1)
            broken.push(`${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ''}: ${match[0]}`);
        }
      }
    }
    return broken;
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1024, 640],
    [1200, 720],
    [1440, 900],
    [2560, 1440],
  ] as const) {
    test(`no heading or badge breaks inside a word, nothing scrolls sideways, ${colorScheme} theme, ${width}×${height}`, async ({
      browser,
      served,
    }) => {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme });
      const page = await context.newPage();
      try {
        await page.goto(served.url);
        for (const stream of ['orders', 'mixed-encodings']) {
          await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: stream }).click();
          const detail = page.getByRole('region', { name: `Stream ${stream}` });
          await expect(detail.getByText('ACTIVE')).toBeVisible();
          expect(await brokenWords(page)).toEqual([]);
          // A long name is cut, shown whole on hover, and copied whole.
          await expect(detail.locator('.detail__name')).toHaveAttribute('title', stream);
          await expect(detail.getByRole('button', { name: `Copy the name ${stream}` })).toBeVisible();
        }
        for (const name of ['Live preview', 'Search', 'Throughput', 'Runs', 'Failures', 'Permissions', 'Connections']) {
          await page.getByRole('navigation').getByRole('button', { name }).click();
          await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
          expect(await brokenWords(page), name).toEqual([]);
          expect(await sidewaysOverflow(page), name).toEqual([]);
        }
      } finally {
        await context.close();
      }
    });
  }
}

test('a stream name too long for the header is cut with an ellipsis, never broken', async ({ browser, ownServed }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  const page = await context.newPage();
  try {
    await page.goto(ownServed.url);
    const name = `a-very-long-stream-name-that-no-header-has-room-for-${'x'.repeat(60)}`;
    await page.getByRole('button', { name: 'Create stream' }).click();
    const create = page.getByRole('dialog', { name: 'Create a stream' });
    await create.getByRole('textbox', { name: 'Stream name' }).fill(name);
    await create.getByRole('spinbutton', { name: 'Open shards' }).fill('1');
    await create.getByRole('button', { name: 'Review and write…' }).click();
    await create.getByRole('button', { name: `Apply to ${name}` }).click();
    await expect(create.getByRole('status', { name: 'Change applied' })).toBeVisible({ timeout: 30_000 });
    await create.getByRole('button', { name: /^Close/ }).click();
    await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name }).click();
    const title = page.getByRole('region', { name: `Stream ${name}` }).locator('.detail__name');
    await expect(title).toHaveAttribute('title', name);
    const { clipped, lines } = await title.evaluate((el) => ({
      clipped: el.scrollWidth > el.clientWidth,
      lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '20')),
    }));
    expect(clipped).toBe(true);
    expect(lines).toBe(1);
    expect(await brokenWords(page)).toEqual([]);
  } finally {
    await context.close();
  }
});

test('the list and the detail are resizable by keyboard, and keep their sizes across a reload', async ({ browser, served }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(served.url);
    await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
    const list = page.locator('.split__pane').first();
    const handle = page.getByRole('separator', { name: "Resize the stream list and the stream's detail" });
    const before = (await list.boundingBox())!.width;
    await handle.focus();
    for (let i = 0; i < 5; i++) await handle.press('ArrowRight');
    await expect.poll(async () => (await list.boundingBox())!.width).toBeGreaterThan(before + 20);
    const resized = (await list.boundingBox())!.width;
    // Nothing but the tables scrolls sideways.
    expect(await sidewaysOverflow(page)).toEqual([]);

    await page.reload();
    await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
    await expect.poll(async () => Math.round((await page.locator('.split__pane').first().boundingBox())!.width)).toBe(Math.round(resized));
  } finally {
    await context.close();
  }
});
