import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Serious or critical axe findings in `selector`, in the light theme and the dark one. */
export async function axeFindings(page: Page, selector: string): Promise<string[]> {
  const findings: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
      findings.push(`${colorScheme}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return findings;
}
