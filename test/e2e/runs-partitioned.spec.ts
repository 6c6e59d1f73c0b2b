import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { startKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';

test('a run partitioned by a field from the Runs page writes Hive-style folders, and "run again" keeps the choice', async ({ page }) => {
  const server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  const cli = await startCli(['serve', '--endpoint', server.endpoint, '--port', '0']);
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'e2e-parts-')), 'by-status');
  try {
    await createStream(client, 'partition-me', 1);
    await put(
      client,
      'partition-me',
      Array.from({ length: 60 }, (_, n) => ({ key: `k${n % 5}`, data: JSON.stringify({ n, status: n % 3 ? 'PAID' : 'FAILED' }) })),
    );
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
    const form = page.getByRole('form', { name: 'Start a run' });
    await form.getByRole('combobox', { name: 'Stream' }).fill('partition-me');
    await expect(form.getByRole('textbox', { name: 'Partition field' })).toHaveCount(0);
    await form.getByRole('combobox', { name: 'Partition files by' }).selectOption({ label: 'A field of each record' });
    await form.getByRole('textbox', { name: 'Output folder' }).fill(folder);
    // A field left empty is said before anything starts.
    await form.getByRole('button', { name: 'Start run' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Name the field the files are partitioned by.' })).toBeVisible();
    await form.getByRole('textbox', { name: 'Partition field' }).fill('status');
    await form.getByRole('button', { name: 'Start run' }).click();

    await expect(page.getByRole('heading', { name: 'Completed' })).toBeVisible({ timeout: 30_000 });
    expect(
      readdirSync(folder)
        .filter((name) => name.startsWith('status='))
        .sort(),
    ).toEqual(['status=FAILED', 'status=PAID']);
    const rows = await duckdb(
      `SELECT status, count(*) AS n FROM read_json('${folder}/**/*.jsonl', hive_partitioning = true) GROUP BY status ORDER BY status`,
    );
    expect(rows).toEqual([
      { status: 'FAILED', n: '20' },
      { status: 'PAID', n: '40' },
    ]);

    await page.getByRole('table', { name: 'Run history' }).getByRole('button', { name: 'Run partition-me again' }).first().click();
    await expect(form.getByRole('combobox', { name: 'Partition files by' })).toHaveValue('field');
    await expect(form.getByRole('textbox', { name: 'Partition field' })).toHaveValue('status');
  } finally {
    await cli.stop();
    client.destroy();
    await server.stop();
  }
});
