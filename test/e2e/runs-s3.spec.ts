import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { expect, test } from '@playwright/test';
import { axeFindings } from './axe';
import { startLocalS3 } from '../../main/domain/sandbox/s3-server';
import { startCli } from '../support/cli';
import { startKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';

/** The keys under `prefix` in the local S3's bucket, read with the SDK as any S3 client would. */
async function s3Keys(endpoint: string, prefix: string): Promise<string[]> {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' },
  });
  try {
    const page = await client.send(new ListObjectsV2Command({ Bucket: 'shardscope-sandbox', Prefix: prefix }));
    return (page.Contents ?? []).map((object) => object.Key!);
  } finally {
    client.destroy();
  }
}

test('the output takes an S3 prefix, checked as typed, with its encryption and storage class, and checks its permissions', async ({
  page,
}) => {
  const [server, s3] = await Promise.all([startKinesisServer('kinesalite'), startLocalS3()]);
  const client = arrangeClient(server);
  const cli = await startCli(['serve', '--endpoint', server.endpoint, '--s3-endpoint', s3.endpoint, '--port', '0']);
  try {
    await createStream(client, 'to-s3', 1);
    await put(
      client,
      'to-s3',
      Array.from({ length: 5 }, (_, n) => ({ key: `k${n}`, data: JSON.stringify({ n }) })),
    );
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
    const form = page.getByRole('form', { name: 'Start a run' });
    await form.getByRole('combobox', { name: 'Stream' }).fill('to-s3');
    const output = form.getByRole('textbox', { name: 'Output folder or S3 prefix' });
    await expect(form.getByRole('combobox', { name: 'Encryption' })).toHaveCount(0);

    // The domain's rules, as the user types: a bucket name S3 would refuse is named at once.
    await output.fill('s3://Orders_Lake/runs/');
    await expect(output).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText(/"s3:\/\/Orders_Lake\/runs\/" is not an S3 location: a bucket name has lower-case letters/)).toBeVisible();
    await output.fill('s3://shardscope-sandbox/orders');
    await expect(form.getByRole('button', { name: 'Check permissions for this prefix…' })).toBeVisible();
    await expect(output).toHaveAttribute('aria-invalid', 'false');
    await expect(form.getByText('An S3 prefix: parts are uploaded, and run.json sits beside them')).toBeVisible();

    const encryption = form.getByRole('combobox', { name: 'Encryption' });
    await expect(form.getByRole('textbox', { name: 'KMS key' })).toHaveCount(0);
    await encryption.selectOption('aws:kms');
    await form.getByRole('textbox', { name: 'KMS key' }).fill('alias/lake');
    await form.getByRole('combobox', { name: 'Storage class' }).selectOption('STANDARD_IA');
    expect(await axeFindings(page, 'form[aria-label="Start a run"]')).toEqual([]);
    await form.getByRole('button', { name: 'Start run' }).click();
    // The run lands in the bucket, and the history offers its location to copy rather than a folder to open.
    await expect(page.getByRole('heading', { name: 'Completed' })).toBeVisible({ timeout: 30_000 });
    const history = page.getByRole('table', { name: 'Run history' });
    await expect(history.getByRole('row').filter({ hasText: 's3://shardscope-sandbox/orders/' })).toHaveCount(1);
    await expect(history.getByRole('button', { name: 'Open the folder of the to-s3 run' })).toHaveCount(0);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await history.getByRole('button', { name: 'Copy the S3 location of the to-s3 run' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('s3://shardscope-sandbox/orders/');
    const listed = await s3Keys(s3.endpoint, 'orders/');
    expect(listed).toContain('orders/run.json');
    expect(listed.filter((key) => /part-\d+\.jsonl$/.test(key))).toHaveLength(1);

    // A folder has no S3 options, and a relative path is said to be one.
    await output.fill('exports/orders');
    await expect(form.getByRole('combobox', { name: 'Encryption' })).toHaveCount(0);
    await expect(form.getByText(/A folder is a full path/)).toBeVisible();
    await expect(form.getByRole('button', { name: 'Check permissions for this prefix…' })).toHaveCount(0);

    // The Permissions page, opened on the stream and the prefix with its encryption.
    await output.fill('s3://shardscope-sandbox/orders/');
    await form.getByRole('button', { name: 'Check permissions for this prefix…' }).click();
    await expect(page.getByRole('heading', { name: 'Permissions', level: 1 })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Run output in S3 (optional)' })).toHaveValue('s3://shardscope-sandbox/orders/');
    await expect(page.getByRole('combobox', { name: 'Its encryption' })).toHaveValue('aws:kms');
    await expect(page.getByRole('textbox', { name: 'Its KMS key' })).toHaveValue('alias/lake');
    await page.getByRole('button', { name: 'Check permissions' }).click();
    const table = page.getByRole('table', { name: 'Permissions' });
    await expect(table.getByRole('row', { name: /^s3:ListBucket / })).toContainText('Granted', { timeout: 15_000 });
    await expect(table.getByRole('row', { name: /^s3:PutObject / })).toContainText('Not checked');
    await expect(table.getByRole('row', { name: /^kms:GenerateDataKey / })).toContainText('Not checked');
  } finally {
    await cli.stop();
    client.destroy();
    await Promise.all([server.stop(), s3.close()]);
  }
});

test('"Continue on a managed engine…" previews a hand-over, refuses what an engine cannot do, and writes the files', async ({ page }) => {
  const server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  const cli = await startCli(['serve', '--endpoint', server.endpoint, '--port', '0']);
  const root = mkdtempSync(path.join(tmpdir(), 'e2e-handover-'));
  const folder = path.join(root, 'orders-run');
  const assets = path.join(root, 'assets');
  try {
    await createStream(client, 'hand-me', 1);
    await put(
      client,
      'hand-me',
      Array.from({ length: 20 }, (_, n) => ({ key: `k${n}`, data: JSON.stringify({ n, sku: `s-${n}` }) })),
    );
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs' }).click();
    const form = page.getByRole('form', { name: 'Start a run' });
    await form.getByRole('combobox', { name: 'Stream' }).fill('hand-me');
    await form.getByRole('combobox', { name: 'Format' }).selectOption('parquet');
    await form.getByRole('textbox', { name: 'Output folder' }).fill(folder);
    await form.getByRole('button', { name: 'Start run' }).click();
    await expect(page.getByRole('heading', { name: 'Completed' })).toBeVisible({ timeout: 30_000 });

    await page
      .getByRole('table', { name: 'Run history' })
      .getByRole('button', { name: 'Continue the hand-me run on a managed engine' })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Continue on a managed engine' });
    const prefix = dialog.getByRole('textbox', { name: 'Engine output (S3 prefix)' });
    await expect(prefix).toBeFocused();
    await prefix.fill('not-s3');
    await dialog.getByRole('button', { name: 'Preview the files' }).click();
    await expect(dialog.getByRole('alert')).toContainText('"not-s3" is not an S3 location: it starts with s3://');

    // Firehose cannot convert Glue Schema Registry records: the reason, not a pipeline that fails once deployed.
    await prefix.fill('s3://lake/orders-engine/');
    await dialog.getByRole('combobox', { name: 'Record encoding' }).selectOption('avro');
    await dialog.getByRole('button', { name: 'Preview the files' }).click();
    await expect(dialog.getByRole('alert')).toContainText("Firehose's format conversion reads JSON only");
    await expect(dialog.getByRole('list', { name: 'Generated files' })).toHaveCount(0);

    // By default the encoding is the run's own: its records were JSON.
    await dialog.getByRole('combobox', { name: 'Record encoding' }).selectOption({ label: 'As the run read them' });
    await dialog.getByRole('radio', { name: 'Spark Structured Streaming' }).check();
    await dialog.getByRole('textbox', { name: 'Start time T' }).fill('2026-12-06T10:00:00Z');
    await dialog.getByRole('button', { name: 'Preview the files' }).click();
    const files = dialog.getByRole('list', { name: 'Generated files' });
    await expect(files.getByRole('button')).toHaveText(['spark-pipeline.py', 'dedupe-athena.sql', 'dedupe-duckdb.sql', 'CUTOVER.txt']);
    // The run's own columns and T reach the job.
    await expect(dialog.getByLabel('Contents of spark-pipeline.py')).toContainText('sku');
    await expect(dialog.getByLabel('Contents of spark-pipeline.py')).toContainText(`Records: JSON (the run in ${folder})`);
    await files.getByRole('button', { name: 'dedupe-duckdb.sql' }).click();
    await expect(files.getByRole('button', { name: 'dedupe-duckdb.sql' })).toHaveAttribute('aria-pressed', 'true');
    await expect(dialog.getByLabel('Contents of dedupe-duckdb.sql')).toContainText('QUALIFY row_number()');
    await expect(dialog.getByRole('region', { name: 'Cutover steps' })).toContainText('2026-12-06T10:00:00');
    expect(await axeFindings(page, 'dialog')).toEqual([]);

    await dialog.getByRole('textbox', { name: 'Write them to folder' }).fill(assets);
    await dialog.getByRole('button', { name: 'Write the files' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: `Wrote 4 files to ${assets}` })).toBeVisible();
    expect(readFileSync(path.join(assets, 'spark-pipeline.py'), 'utf8')).toContain('sku');
    // Written again: nothing is replaced until the user says so.
    await dialog.getByRole('button', { name: 'Write the files' }).click();
    await expect(dialog.getByRole('alert')).toContainText(`${assets} already holds spark-pipeline.py`);
    await dialog.getByRole('button', { name: 'Replace those files' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Wrote 4 files' })).toBeVisible();
    expect(existsSync(path.join(assets, 'CUTOVER.txt'))).toBe(true);

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  } finally {
    await cli.stop();
    client.destroy();
    await server.stop();
  }
});
