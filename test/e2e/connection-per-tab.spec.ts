import type { Locator, WebSocketRoute } from '@playwright/test';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';
import { openTab } from '../support/socket-client';
import { expect, test } from './fixtures';

let server: RunningKinesisServer;
test.beforeAll(async () => {
  server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  await createStream(client, 'elsewhere-stream', 1);
  client.destroy();
});
test.afterAll(() => server?.stop());

const buffered = async (status: Locator) =>
  Number(/of ([\d,]+) buffered/.exec((await status.textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);

test('a tab that switches connection leaves another tab’s live preview running', async ({ page, ownServed }) => {
  // Two pages of the app and two Kinesis servers at once.
  test.slow();
  const setup = await openTab(ownServed.origin, ownServed.token);
  const profile = { name: 'elsewhere', region: server.region, endpoint: server.endpoint, source: { type: 'default-chain' } };
  expect(await setup.call('connections:save', { profile })).toMatchObject({ ok: true });
  setup.close();

  // Page A previews the sandbox, where the demo producer writes every second.
  await page.goto(ownServed.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Live preview' }).click();
  await page.getByRole('combobox', { name: 'Stream to preview' }).fill('mixed-encodings');
  await page.getByRole('combobox', { name: 'Starting position' }).selectOption('LATEST');
  await page.getByRole('button', { name: 'Start preview' }).click();
  const state = page.getByRole('status', { name: 'Preview state' });
  await expect(page.getByRole('table', { name: 'Records' }).getByRole('row')).not.toHaveCount(1, { timeout: 20_000 });

  // Page B, in the same browser, uses another connection.
  const other = await page.context().newPage();
  await other.goto(ownServed.url);
  await other.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await other
    .getByRole('table', { name: 'Connections' })
    .getByRole('row', { name: /elsewhere/ })
    .getByRole('button', { name: 'Use elsewhere' })
    .click();
  await expect(other.getByRole('status', { name: 'Active connection' })).toContainText('elsewhere');
  await other.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Streams' }).click();
  await expect(other.getByRole('table', { name: 'Streams' }).getByRole('rowheader')).toHaveText(['elsewhere-stream']);

  // Page A still reads the sandbox, and more records keep arriving.
  const afterSwitch = await buffered(state);
  await expect(state).toContainText('Reading');
  await expect.poll(() => buffered(state), { timeout: 15_000 }).toBeGreaterThan(afterSwitch);
  await expect(state).toContainText('Reading');
  await expect(page.getByRole('status', { name: 'Active connection' })).toContainText('sandbox');
  await expect(page.getByText('stopped because the connection was switched')).toHaveCount(0);
  await other.close();
});

test('a tab whose link to the host drops comes back on its own connection, not the one chosen last elsewhere', async ({
  page,
  ownServed,
}) => {
  test.slow();
  const setup = await openTab(ownServed.origin, ownServed.token);
  const profile = { name: 'elsewhere', region: server.region, endpoint: server.endpoint, source: { type: 'default-chain' } };
  expect(await setup.call('connections:save', { profile })).toMatchObject({ ok: true });
  setup.close();
  // The page's socket passes through Playwright to the real host, so the test can make the host close it.
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket('**/ws', (ws) => {
    const host = ws.connectToServer();
    sockets.push(host);
    ws.onMessage((message) => host.send(message));
  });

  // Page A uses "elsewhere"; then another tab chooses the sandbox, the connection chosen last.
  await page.goto(ownServed.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await page
    .getByRole('table', { name: 'Connections' })
    .getByRole('row', { name: /elsewhere/ })
    .getByRole('button', { name: 'Use elsewhere' })
    .click();
  await expect(page.getByRole('status', { name: 'Active connection' })).toContainText('elsewhere');
  const sandboxTab = await openTab(ownServed.origin, ownServed.token);
  expect(await sandboxTab.call('connections:activate', { name: 'Local sandbox' })).toMatchObject({ ok: true });

  // The host closes page A's socket (a frame that is not the protocol); the page opens a new one.
  sockets.at(-1)!.send('this is not JSON');
  await expect(page.getByRole('alert').filter({ hasText: /^The connection to Shardscope was lost/ })).toContainText('It is back.', {
    timeout: 20_000,
  });
  expect(sockets).toHaveLength(2);

  // Its calls still run on "elsewhere", as the page says.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Streams' }).click();
  await page.getByRole('button', { name: 'Refresh streams' }).click();
  await expect(page.getByRole('table', { name: 'Streams' }).getByRole('rowheader')).toHaveText(['elsewhere-stream']);
  await expect(page.getByRole('status', { name: 'Active connection' })).toContainText('elsewhere');
  sandboxTab.close();
});
