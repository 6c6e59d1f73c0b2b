import type { Page } from '@playwright/test';

/**
 * What scrolls or is cut sideways on the page, tables' own bodies aside: the window, the main
 * area (which scrolls on its own), the split panes and the pages in them, and any table whose
 * last header cell ends past the table's edge. Empty when the layout holds.
 */
export function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) found.push('the window');
    for (const element of document.querySelectorAll<HTMLElement>('#main, .split__pane, #main .page, .browser__detail')) {
      if (element.scrollWidth > element.clientWidth + 1)
        found.push(
          `${element.id ? `#${element.id}` : `.${element.className.split(' ').join('.')}`}: ${element.scrollWidth} > ${element.clientWidth}`,
        );
    }
    for (const table of document.querySelectorAll<HTMLElement>('#main [role="table"]')) {
      const headers = table.querySelectorAll<HTMLElement>('[role="columnheader"]');
      const last = headers[headers.length - 1];
      if (last && last.getBoundingClientRect().right > table.getBoundingClientRect().right + 1)
        found.push(`table ${table.getAttribute('aria-label')}: its last column ends past its edge`);
    }
    return found;
  });
}
