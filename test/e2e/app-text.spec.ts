import { expect, test } from './fixtures';

// The app words things in its own controls: a CLI flag or a backticked command means text written for the terminal.
const terminalText = /`|(^|[\s(“"'])--[a-z]/m;

test('no page of the app shows backticks or CLI flags', async ({ page, served }) => {
  await page.goto(served.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button').first()).toBeVisible();
  const pages = await nav.getByRole('button').allInnerTexts();
  expect(pages.length).toBeGreaterThan(3);
  for (const name of pages) {
    await nav.getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Each page's first answer from main (lists, history, states) is part of what it shows.
    await expect(page.getByText(/Loading/)).toHaveCount(0);
    const text = await page.locator('body').innerText();
    expect(text.match(terminalText)?.[0], `${name} shows terminal text`).toBeUndefined();
  }
});
