import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runCli, startCli, type LongRunningCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';
import { openTab } from '../support/socket-client';

// One data folder shared by `shardscope serve` (on the sandbox) and the CLI runs that fill its history.
let home: string;
let server: RunningKinesisServer;
let serve: LongRunningCli;
let url: string;
const stream = 'elsewhere-stream';

test.beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'e2e-run-again-'));
  server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  await createStream(client, stream, 1);
  await put(
    client,
    stream,
    Array.from({ length: 20 }, (_, n) => ({ key: `k${n}`, data: JSON.stringify({ n }) })),
  );
  client.destroy();
  serve = await startCli(['serve', '--sandbox', '--port', '0'], { env: { SHARDSCOPE_HOME: home } });
  url = /^Shardscope is at (\S+)$/.exec(serve.firstLine)![1]!;
  const parsed = new URL(url);
  const setup = await openTab(parsed.origin, new URLSearchParams(parsed.hash.slice(1)).get('token')!);
  const profile = { name: 'elsewhere', region: server.region, endpoint: server.endpoint, source: { type: 'default-chain' } };
  expect(await setup.call('connections:save', { profile })).toMatchObject({ ok: true });
  setup.close();
  const env = { SHARDSCOPE_HOME: home };
  const bySaved = await runCli(['ingest', stream, '--profile', 'elsewhere', '--to', path.join(home, 'by-saved'), '--quiet'], { env });
  expect(bySaved.stderr).toBe('');
  const byFlags = [
    'ingest',
    stream,
    '--endpoint',
    server.endpoint,
    '--region',
    server.region,
    '--to',
    path.join(home, 'by-flags'),
    '--quiet',
  ];
  expect((await runCli(byFlags, { env })).code).toBe(0);
});
test.afterAll(async () => {
  await serve?.stop();
  await server?.stop();
});

test('the history names each run’s connection and folder, and run again reads with that connection', async ({ page }) => {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
  const history = page.getByRole('table', { name: 'Run history' });
  const bySaved = history.getByRole('row').filter({ hasText: path.join(home, 'by-saved') });
  await expect(bySaved.getByRole('cell').nth(1)).toHaveText('elsewhere');
  const byFlags = history.getByRole('row').filter({ hasText: path.join(home, 'by-flags') });
  await expect(byFlags.getByRole('cell').nth(1)).toHaveText(server.endpoint);

  // The page is on the sandbox, which has no such stream: only the run's own connection can read it.
  const form = page.getByRole('form', { name: 'Start a run' });
  await bySaved.getByRole('button', { name: `Run ${stream} again` }).click();
  await expect(form.getByRole('note')).toContainText('Runs on elsewhere, the connection the earlier run used.');
  const again = path.join(home, 'again');
  await form.getByRole('textbox', { name: 'Output folder' }).fill(again);
  await form.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByRole('heading', { name: 'Completed' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'records written: 20' })).toBeVisible();
  await expect(history.getByRole('row').filter({ hasText: again }).getByRole('cell').nth(1)).toHaveText('elsewhere');
});

test('run again of a run whose connection cannot be opened says so and offers the current one', async ({ page }) => {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
  const byFlags = page
    .getByRole('table', { name: 'Run history' })
    .getByRole('row')
    .filter({ hasText: path.join(home, 'by-flags') });
  await byFlags.getByRole('button', { name: `Run ${stream} again` }).click();
  const form = page.getByRole('form', { name: 'Start a run' });
  await expect(form.getByRole('alert')).toContainText(
    `The connection this run used, ${server.endpoint}, is not one Shardscope can open here any more.`,
  );
  await expect(form.getByRole('button', { name: 'Start run' })).toBeDisabled();
  await form.getByRole('button', { name: 'Run on sandbox instead' }).click();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Start run' })).toBeEnabled();
});
