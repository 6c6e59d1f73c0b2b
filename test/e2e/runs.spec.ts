import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { startKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';

test('start a Parquet run from the Runs page, watch it complete, find it in the history (kinesalite)', async ({ page }) => {
  const server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  const cli = await startCli(['serve', '--endpoint', server.endpoint, '--port', '0']);
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'e2e-run-')), 'orders-export');
  try {
    await createStream(client, 'export-me', 2);
    await put(
      client,
      'export-me',
      Array.from({ length: 250 }, (_, n) => ({ key: `k${n % 9}`, data: JSON.stringify({ n, status: n % 3 ? 'PAID' : 'FAILED' }) })),
    );
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
    await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Run history' }).or(page.getByText('No runs yet'))).toBeVisible();

    const form = page.getByRole('form', { name: 'Start a run' });
    await form.getByRole('combobox', { name: 'Stream' }).fill('export-me');
    await form.getByRole('combobox', { name: 'Format' }).selectOption('parquet');
    // The browser host has no folder dialog: the path is typed.
    await expect(form.getByRole('button', { name: 'Choose…' })).toHaveCount(0);
    await form.getByRole('textbox', { name: 'Output folder' }).fill(folder);
    await form.getByRole('button', { name: 'Start run' }).click();

    await expect(page.getByRole('heading', { name: 'Completed' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status', { name: 'records written: 250' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Shards' }).getByRole('listitem')).toHaveCount(2);
    const history = page.getByRole('table', { name: 'Run history' });
    await expect(history.getByRole('row', { name: /export-me/ }).first()).toContainText('completed');
    const [row] = await duckdb(
      `SELECT count(*) AS n, count(DISTINCT sequenceNumber) AS d, sum(n) AS total FROM read_parquet('${folder}/part-*.parquet')`,
    );
    expect(row).toEqual({ n: '250', d: '250', total: String((249 * 250) / 2) });

    await history.getByRole('button', { name: 'Run export-me again' }).first().click();
    await expect(form.getByRole('textbox', { name: 'Output folder' })).toHaveValue(`${folder}-again`);
    await expect(form.getByRole('combobox', { name: 'Format' })).toHaveValue('parquet');

    // The same folder again is refused with the way out named.
    await form.getByRole('textbox', { name: 'Output folder' }).fill(folder);
    await form.getByRole('button', { name: 'Start run' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'already holds a run' });
    await expect(refusal).toContainText('Tick “Resume the run already in this folder” to carry it on, or choose another folder.');
    await expect(refusal).not.toContainText('--');
  } finally {
    await cli.stop();
    client.destroy();
    await server.stop();
  }
});
