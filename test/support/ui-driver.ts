// The actions a user takes in the UI, found by role and accessible name, shared by the end-to-end
// tests and the benchmarks: a control renamed or restructured is then fixed here, once, and a
// benchmark cannot go on driving a page the tests no longer recognise.
import type { Locator, Page } from 'playwright-core';

/** The pages of the main navigation, by the names of their buttons. */
export type PageName =
  'Streams' | 'Live preview' | 'Throughput' | 'Search' | 'Consumers' | 'Permissions' | 'Runs' | 'Connections' | (string & {});

export type StartingPosition = 'LATEST' | 'TRIM_HORIZON' | 'AT_TIMESTAMP' | 'AT_SEQUENCE_NUMBER';

export const mainNavigation = (page: Page): Locator => page.getByRole('navigation', { name: 'Main' });

/** Opens a page from the main navigation and waits for its heading. */
export async function openPage(page: Page, name: PageName): Promise<void> {
  await mainNavigation(page).getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

export const previewStreamPicker = (page: Page): Locator => page.getByRole('combobox', { name: 'Stream to preview' });
export const startingPosition = (page: Page): Locator => page.getByRole('combobox', { name: 'Starting position' });
export const measureStreamPicker = (page: Page): Locator => page.getByRole('combobox', { name: 'Stream to measure' });
export const previewRecords = (page: Page): Locator => page.getByRole('table', { name: 'Records' });
/** The Kinesis arrival time of the newest record shown (the first row, newest first), from the Arrival cell's full-precision title. */
export async function newestPreviewArrival(page: Page): Promise<string | null> {
  const firstRow = previewRecords(page).locator('[role="row"][aria-rowindex="2"]');
  return firstRow.getByRole('cell').first().locator('[title]').getAttribute('title', { timeout: 5_000 });
}
export const previewState = (page: Page): Locator => page.getByRole('status', { name: 'Preview state' });
export const streamFilter = (page: Page): Locator => page.getByRole('searchbox', { name: 'Filter streams' });
export const streamCount = (page: Page): Locator => page.getByRole('status', { name: 'Stream count' });

/**
 * Starts a live preview. Without `stream` it previews the stream already chosen (as when the
 * preview was opened from a stream); without `from` it starts where the page's default says.
 */
export async function startPreview(page: Page, options: { stream?: string; from?: StartingPosition; open?: boolean } = {}): Promise<void> {
  if (options.open ?? true) await openPage(page, 'Live preview');
  if (options.stream !== undefined) await previewStreamPicker(page).fill(options.stream);
  if (options.from) await startingPosition(page).selectOption(options.from);
  await page.getByRole('button', { name: 'Start preview' }).click();
}

/** Starts measuring a stream's throughput from now. */
export async function measureThroughput(page: Page, stream: string, options: { open?: boolean } = {}): Promise<void> {
  if (options.open ?? true) await openPage(page, 'Throughput');
  await measureStreamPicker(page).fill(stream);
  await page.getByRole('button', { name: 'Measure from now' }).click();
}

/** Types into the stream list's filter (replacing what was there). */
export async function filterStreams(page: Page, text: string): Promise<Locator> {
  const filter = streamFilter(page);
  await filter.fill(text);
  return filter;
}

export interface SearchForm {
  stream: string;
  from?: StartingPosition;
  mostMatches?: number;
  expression?: string;
}

/** Fills the Search page's form and returns the button that starts it, so a caller can time the click. */
export async function fillSearch(page: Page, form: SearchForm): Promise<Locator> {
  await openPage(page, 'Search');
  const search = page.getByRole('form', { name: 'Search a window' });
  await search.getByRole('combobox', { name: 'Stream to search' }).fill(form.stream);
  if (form.from) await search.getByRole('combobox', { name: 'Window start' }).selectOption(form.from);
  if (form.mostMatches !== undefined) await search.getByRole('spinbutton', { name: 'Most matches' }).fill(String(form.mostMatches));
  if (form.expression !== undefined) await search.getByRole('textbox', { name: 'Expression (CEL)' }).fill(form.expression);
  return search.getByRole('button', { name: 'Search', exact: true });
}

/** Runs a search from the Search page. */
export async function runSearch(page: Page, form: SearchForm): Promise<void> {
  await (await fillSearch(page, form)).click();
}

/** The status that counts a search's matches, once it says `matches`. */
export const searchMatched = (page: Page, matches: number): Locator =>
  page.getByRole('status', { name: `matched: ${matches.toLocaleString()}` });
