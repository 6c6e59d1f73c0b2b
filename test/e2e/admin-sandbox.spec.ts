import { expect, test } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a stream created in the sandbox is confirmed as the local sandbox and reads as a success, ${colorScheme} theme`, async ({
    browser,
    ownServed,
  }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(ownServed.url);
      await page.getByRole('button', { name: 'Create stream' }).click();
      const create = page.getByRole('dialog', { name: 'Create a stream' });
      await create.getByRole('textbox', { name: 'Stream name' }).fill(`made-${colorScheme}`);
      await create.getByRole('spinbutton', { name: 'Open shards' }).fill('1');
      await create.getByRole('button', { name: 'Review and write…' }).click();
      const confirm = create.getByRole('region', { name: 'Confirm the write' });
      await expect(confirm.locator('.pairs__row').filter({ hasText: 'Account' })).toHaveText(
        'Accountnone: the local sandbox, on this machine',
      );
      await create.getByRole('button', { name: `Apply to made-${colorScheme}` }).click();
      const applied = create.getByRole('status', { name: 'Change applied' });
      await expect(applied).toContainText(
        `✓ Created made-${colorScheme} in the local sandbox (on this machine, no AWS account); it is ACTIVE.`,
        {
          timeout: 30_000,
        },
      );
      // Said in the success colour, not the warning one.
      const [border, ok] = await applied.evaluate((box) => [
        getComputedStyle(box).borderTopColor,
        getComputedStyle(document.documentElement).getPropertyValue('--ok').trim(),
      ]);
      const rgb = await page.evaluate((color) => {
        const probe = document.createElement('span');
        probe.style.color = color;
        document.body.append(probe);
        const value = getComputedStyle(probe).color;
        probe.remove();
        return value;
      }, ok);
      expect(border).toBe(rgb);
      await create.screenshot({ path: `test-results/create-applied-${colorScheme}.png` });
    } finally {
      await context.close();
    }
  });
}
