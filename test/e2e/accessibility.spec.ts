import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

const pages = ['Streams', 'Live preview', 'Search', 'Throughput', 'Runs', 'Failures', 'Permissions', 'Connections'] as const;

/**
 * axe-core on every page, in both themes, at a laptop's width and a desktop's: no serious or
 * critical finding. The Streams page is audited with a stream's detail open (its consumers too),
 * and the command palette open with choices in it.
 */
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1024, 1440]) {
    test(`no serious or critical axe finding on any page, ${colorScheme} theme, ${width} px`, async ({ browser, served }) => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      const page = await context.newPage();
      try {
        await page.goto(served.url);
        await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
        await expect(page.getByRole('region', { name: 'KCL application orders-audit' })).toBeVisible();
        const findings: string[] = [];
        for (const name of pages) {
          await page
            .getByRole('navigation')
            .getByRole('link', { name })
            .or(page.getByRole('navigation').getByRole('button', { name }))
            .first()
            .click();
          await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
          const { violations } = await new AxeBuilder({ page }).analyze();
          for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
            findings.push(`${name}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
        }
        // The command palette, open with choices in it.
        await page.keyboard.press('Control+k');
        await page.getByRole('dialog', { name: 'Go to a page or a stream' }).getByRole('combobox').fill('ord');
        await expect(page.getByRole('option', { name: 'Preview orders' })).toBeVisible();
        const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
        for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
          findings.push(`palette: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
        expect(findings).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
}
