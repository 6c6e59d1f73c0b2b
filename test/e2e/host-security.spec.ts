import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

test('a page opened without the token explains what is missing', async ({ page, served }) => {
  await page.goto(served.origin + '/');
  await expect(page.getByRole('alert')).toContainText('needs its access token');
});

test('a WebSocket without the token is refused', async ({ page, served }) => {
  await page.goto(served.url);
  const result = await page.evaluate(
    (wsUrl) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(wsUrl, ['shardscope.v1']);
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      }),
    served.origin.replace('http', 'ws') + '/ws',
  );
  expect(result).toBe('refused');
});

test('a page from another origin cannot use the socket, even knowing the token', async ({ page, served }) => {
  // A hostile page on another local port: the browser sends its own Origin, which the host refuses.
  const hostile: Server = createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'),
  );
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`);
    const result = await page.evaluate(
      ({ wsUrl, token }) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(wsUrl, ['shardscope.v1', `token.${token}`]);
          socket.onopen = () => resolve('open');
          socket.onerror = () => resolve('refused');
        }),
      { wsUrl: served.origin.replace('http', 'ws') + '/ws', token: served.token },
    );
    expect(result).toBe('refused');
  } finally {
    hostile.close();
  }
});

test('the token leaves the address bar once read, and a reload still connects', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect.poll(() => page.url()).toBe(served.origin + '/');
  expect(await page.evaluate(() => window.location.href)).not.toContain(served.token);
  await page.reload();
  // The stream list arrives over the socket: the reload connected with the token it kept.
  await expect(page.getByRole('rowheader', { name: 'orders' })).toBeVisible();
  expect(page.url()).toBe(served.origin + '/');
});

test('an address with a wrong token says the token is wrong, not that the host is gone', async ({ page, served }) => {
  const wrong = `${served.origin}/#token=${'x'.repeat(served.token.length)}`;
  await page.goto(wrong);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The token in this address is not the one this Shardscope host uses');
  await expect(alert).not.toContainText('Could not reach');
  expect(await page.content()).not.toContain(served.token);
});

test('the token check answers only right or wrong, never with the token', async ({ page, served }) => {
  const right = await page.request.get(`${served.origin}/token-check`, { headers: { 'x-shardscope-token': served.token } });
  expect(right.status()).toBe(204);
  const wrong = await page.request.get(`${served.origin}/token-check`, { headers: { 'x-shardscope-token': 'guess' } });
  expect(wrong.status()).toBe(401);
  expect(await wrong.text()).not.toContain(served.token);
  expect((await page.request.get(`${served.origin}/token-check`)).status()).toBe(401);
});
