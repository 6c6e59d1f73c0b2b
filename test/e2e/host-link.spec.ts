import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, WebSocketRoute } from '@playwright/test';
import { MAX_RECORD_BYTES } from '../../shared/contract/writes';
import { expect, test } from './fixtures';

/**
 * The page's socket passes through Playwright's WebSocket route to the real host, so the test
 * sees every frame the page sends and can send the host a frame of its own on the page's socket.
 */
async function watchSocket(page: Page) {
  const sent: string[] = [];
  const toHost: WebSocketRoute[] = [];
  await page.routeWebSocket('**/ws', (ws) => {
    const host = ws.connectToServer();
    toHost.push(host);
    ws.onMessage((message) => {
      sent.push(String(message));
      host.send(message);
    });
  });
  return { sent, current: () => toHost.at(-1)!, connections: () => toHost.length };
}

test('a record over 1 MiB is refused in the put dialog, and no call is made', async ({ page, served }) => {
  // A megabyte in a text area is slow to lay out on a busy machine.
  test.setTimeout(150_000);
  const mebibyte = 'x'.repeat(MAX_RECORD_BYTES);
  const socket = await watchSocket(page);
  await page.goto(served.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
  await page.getByRole('region', { name: 'Stream orders' }).getByRole('button', { name: 'Put a record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Put a record into orders' });
  await dialog.getByRole('radio', { name: 'Text' }).check();
  await dialog.getByRole('textbox', { name: 'Partition key' }).fill('k');
  const data = dialog.getByRole('textbox', { name: 'Data' });
  await data.fill(mebibyte);
  await expect(
    dialog.getByText('This record is 1,048,577 bytes with its partition key; Kinesis takes at most 1,048,576 (1 MiB).'),
  ).toBeVisible();
  await expect(data).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: /Review and write/ })).toHaveCount(0);
  expect(socket.sent.filter((frame) => frame.includes('"writes:put"'))).toEqual([]);
  // One byte less is a record Kinesis takes: the dialog offers to write it.
  await data.fill(mebibyte.slice(1));
  await expect(dialog.getByRole('button', { name: /Review and write/ })).toBeVisible();
});

test('a socket the host closes is reopened, and the page says which of its sessions stopped', async ({ page, ownServed }) => {
  test.setTimeout(120_000);
  const socket = await watchSocket(page);
  await page.goto(ownServed.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
  const form = page.getByRole('form', { name: 'Start a run' });
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'shardscope-link-')), 'orders-run');
  await form.getByRole('combobox', { name: 'Stream' }).fill('orders');
  await form.getByRole('combobox', { name: 'End' }).selectOption('follow');
  await form.getByRole('textbox', { name: 'Output folder' }).fill(folder);
  await form.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByRole('heading', { name: 'Running' })).toBeVisible();

  // Not a protocol message, on the page's own socket: the host closes it (1003) and ends its sessions.
  socket.current().send('this is not JSON');

  const notice = page.getByRole('alert').filter({ hasText: /^The connection to Shardscope was lost/ });
  await expect(notice).toContainText(`the run of orders into ${folder} stopped. Resume it from Runs.`);
  await expect(notice).toContainText('It is back.', { timeout: 20_000 });
  expect(socket.connections()).toBe(2);
  await expect(page.getByRole('heading', { name: 'Stopped' })).toBeVisible();
  await expect(page.getByText('The run stopped: the connection to Shardscope was lost.')).toBeVisible();

  // The reopened socket carries calls and events: the run resumes from its folder, as the notice says.
  await form.getByRole('checkbox', { name: 'Resume the run already in this folder' }).check();
  await form.getByRole('button', { name: 'Resume run' }).click();
  await expect(page.getByRole('heading', { name: 'Running' })).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('heading', { name: 'Stopped' })).toBeVisible();
});
