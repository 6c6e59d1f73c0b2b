import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
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
  // Records from n = 10 on give the mapping nothing: rejected, until more than 3 are and the run fails.
  const failing = [
    'ingest',
    stream,
    '--profile',
    'elsewhere',
    '--to',
    path.join(home, 'failed'),
    '--map',
    'n < 10 ? $',
    '--max-rejects',
    '3',
  ];
  expect((await runCli([...failing, '--quiet'], { env })).code).toBe(1);
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

test('a failed run that wrote files starts over in its folder after a confirmation saying what goes', async ({ page }) => {
  const folder = path.join(home, 'failed');
  const runId = () => (JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8')) as { id: string }).id;
  const rejects = () => readFileSync(path.join(folder, 'rejects.jsonl'), 'utf8').split('\n').filter(Boolean).length;
  const failedRun = runId();
  expect(rejects()).toBe(4);
  writeFileSync(path.join(folder, 'notes.txt'), 'mine');
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
  const row = page.getByRole('table', { name: 'Run history' }).getByRole('row').filter({ hasText: folder });
  await expect(row).toContainText('failed');
  await row.getByRole('button', { name: `Start the ${stream} run in ${folder} over` }).click();
  const dialog = page.getByRole('dialog', { name: 'Start this run over' });
  await expect(dialog).toContainText(
    `This removes what the failed run of ${stream} wrote to ${folder}: its 1 complete file, its 4 rejected records`,
  );
  await expect(dialog).toContainText('Other files in the folder stay.');
  await expect(dialog).toContainText('It reads with elsewhere, the connection it used.');
  await dialog.getByRole('button', { name: 'Remove them and start over' }).click();

  // The same run from scratch: it fails the same way, with only its own rejects and a new run.json.
  // Named as the history and the CLI name it.
  const panel = page.getByRole('region', { name: 'Failed' });
  await expect(panel.getByRole('status', { name: 'records written: 10' })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('status', { name: 'rejected: 4' })).toBeVisible();
  expect(runId()).not.toBe(failedRun);
  expect(rejects()).toBe(4);
  expect(readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('mine');

  // Failed again with files kept: the panel offers the same way out.
  await panel.getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByRole('dialog', { name: 'Start this run over' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.getByRole('dialog', { name: 'Start this run over' }).getByRole('button', { name: 'Keep the files' }).click();
  expect(runId()).not.toBe(failedRun);
});
