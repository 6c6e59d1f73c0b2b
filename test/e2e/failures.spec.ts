import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  PutRecordsCommand,
  waitUntilStreamExists,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCli, type LongRunningCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { lambdaMapping, startFakeLambda, type FakeLambda } from '../support/fake-lambda';
import { invocationRecord } from '../support/invocation-records';
import { startKinesisServer } from '../support/local-kinesis';
import { startLocalSqs } from '../support/local-sqs';
import { startOneEndpoint } from '../support/one-endpoint';
import { arrangeClient, keyed, readAllRaw } from '../support/sdk';
import { axeFindings } from './axe';
import { expect, test } from './fixtures';
import { sandboxClientShownIn } from './sandbox-client';

async function createStream(client: KinesisClient, name: string): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  await waitUntilStreamExists({ client, maxWaitTime: 30 }, { StreamName: name });
}

const run = Date.now().toString(36);
const FAILED = `failed-${run}`;
const AGAIN = `again-${run}`;

test('a notices file opens its exact records, which Send back puts into another stream once each and Export writes to Parquet', async ({
  page,
  ownServed,
}) => {
  // Its own host: the streams it creates must not show in the shared sandbox's list.
  await page.goto(ownServed.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'clickstream' }).click();
  const client = await sandboxClientShownIn(page);
  try {
    await createStream(client, FAILED);
    await createStream(client, AGAIN);
    const records = Array.from({ length: 6 }, (_, n) => ({ PartitionKey: `order-${n}`, Data: Buffer.from(`{"order":${n}}`) }));
    const put = await client.send(new PutRecordsCommand({ StreamName: FAILED, Records: records }));
    const written = put.Records!.map((r, n) => ({ ...records[n]!, shardId: r.ShardId!, sequenceNumber: r.SequenceNumber! }));
    // Lambda gave up on the batch of records 1 to 3; 0, 4 and 5 were processed.
    const failed = written.slice(1, 4);
    const notice = invocationRecord({
      stream: FAILED,
      shardId: failed[0]!.shardId,
      start: failed[0]!.sequenceNumber,
      end: failed[2]!.sequenceNumber,
      batchSize: 3,
    });
    const folder = mkdtempSync(path.join(tmpdir(), 'failures-e2e-'));
    const file = path.join(folder, 'notices.jsonl');
    writeFileSync(file, `${JSON.stringify(notice)}\n`);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Failures' }).click();
    await expect(page.getByText('No failure notices open')).toBeVisible();
    // A file that holds no notice is named with the reason, and the good one is read all the same.
    const bad = path.join(folder, 'bad.jsonl');
    writeFileSync(bad, '{ not json\n');
    await page.getByLabel('Open notice files…').setInputFiles([file, bad]);
    await page.getByText('1 notice skipped').click();
    await expect(page.getByRole('list', { name: 'Notices skipped' })).toContainText('bad.jsonl:1: not JSON');

    const notices = page.getByRole('table', { name: 'Failure notices' });
    await expect(notices.getByRole('row')).toHaveCount(2);
    const row = notices.getByRole('row').nth(1);
    await expect(row.getByRole('cell').nth(3)).toHaveText('3');
    await expect(row.getByRole('cell').nth(4)).toHaveText('3');
    await expect(row.getByRole('cell').nth(5)).toHaveText('0');
    const totals = page.getByLabel('Failures found');
    await expect(totals.locator('.pairs__row').filter({ hasText: 'Records found' })).toHaveText('Records found3');
    await expect(totals.locator('.pairs__row').filter({ hasText: 'Expired' })).toHaveText('Expired0');

    // Exactly the batch's records, no more: each key once.
    const table = page.getByRole('table', { name: 'Records' });
    await expect(table.getByRole('row')).toHaveCount(4);
    for (const r of failed) await expect(table.getByRole('button', { name: r.PartitionKey, exact: true })).toBeVisible();
    await table.getByRole('button', { name: 'order-2', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Record inspector' })).toContainText(failed[1]!.sequenceNumber);
    await page.keyboard.press('Escape');
    expect(await axeFindings(page, '#main')).toEqual([]);

    await page.getByRole('button', { name: 'Send back…' }).click();
    const dialog = page.getByRole('dialog', { name: `Send back the records of ${FAILED}` });
    await dialog.getByRole('combobox', { name: 'To stream' }).fill(AGAIN);
    await dialog.getByRole('button', { name: 'Review and write…' }).click();
    const confirm = dialog.getByRole('region', { name: 'Confirm the write' });
    await expect(confirm.locator('.pairs__row').filter({ hasText: 'Records' })).toHaveText('Records3 records');
    expect(await axeFindings(page, 'dialog')).toEqual([]);
    await confirm.getByRole('button', { name: `Write to ${AGAIN}` }).click();
    await expect(dialog.getByRole('status', { name: 'state: completed' })).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByRole('status', { name: 'written: 3' })).toBeVisible();
    // The progress tiles too: each a status, in a group that assistive technology can read whole.
    expect(await axeFindings(page, 'dialog')).toEqual([]);

    const arrived = await readAllRaw(client, AGAIN);
    expect(keyed(arrived)).toEqual(keyed(failed.map((r) => ({ partitionKey: r.PartitionKey, data: r.Data }))));
    await dialog.getByRole('button', { name: /^Close/ }).click();

    // Exported to Parquet: exactly the notice's records, read back by DuckDB.
    const out = path.join(folder, 'export');
    await page.getByRole('button', { name: 'Export…' }).click();
    const exporting = page.getByRole('dialog', { name: `Export the records of ${FAILED}` });
    await exporting.getByRole('textbox', { name: 'Folder' }).fill(out);
    await exporting.getByRole('combobox', { name: 'Format' }).selectOption('parquet');
    await exporting.getByRole('button', { name: 'Review the export…' }).click();
    const plan = exporting.getByRole('region', { name: 'Confirm the export' });
    await expect(plan.locator('.pairs__row').filter({ hasText: 'Records' })).toHaveText('Records3 records');
    await plan.getByRole('button', { name: 'Export 3 records' }).click();
    await expect(exporting.getByRole('status', { name: 'state: completed' })).toBeVisible({ timeout: 30_000 });
    const rows = await duckdb(`SELECT sequenceNumber FROM read_parquet('${out}/part-*.parquet') ORDER BY sequenceNumber`);
    expect(rows.map((r) => r.sequenceNumber)).toEqual(failed.map((r) => r.sequenceNumber));
  } finally {
    client.destroy();
  }
});

test("a Lambda mapping's failure queue opens from the Consumers panel, and its messages go once the put-back completed", async ({
  page,
}) => {
  const kinesis = await startKinesisServer('kinesalite');
  const sqs = await startLocalSqs();
  const local = await startOneEndpoint({ kinesis: kinesis.endpoint, sqs: sqs.queueUrl('failures') });
  const client = arrangeClient(kinesis);
  let lambda: FakeLambda | undefined;
  let cli: LongRunningCli | undefined;
  try {
    await createStream(client, 'orders');
    await createStream(client, 'orders-again');
    const arn = (await client.send(new DescribeStreamSummaryCommand({ StreamName: 'orders' }))).StreamDescriptionSummary!.StreamARN!;
    lambda = await startFakeLambda({
      [arn]: [
        lambdaMapping(arn, 'enrich', { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:failures' } } }),
      ],
    });
    const records = Array.from({ length: 4 }, (_, n) => ({ PartitionKey: `order-${n}`, Data: Buffer.from(`{"order":${n}}`) }));
    const put = await client.send(new PutRecordsCommand({ StreamName: 'orders', Records: records }));
    const failed = put.Records!.slice(0, 2).map((r, n) => ({ ...records[n]!, shardId: r.ShardId!, sequenceNumber: r.SequenceNumber! }));
    // The queue as Lambda filled it, reached at the connection's endpoint as a local stack serves it.
    const queueUrl = `${local.endpoint}/000000000000/failures`;
    const notice = invocationRecord({
      stream: 'orders',
      shardId: failed[0]!.shardId,
      start: failed[0]!.sequenceNumber,
      end: failed[1]!.sequenceNumber,
      batchSize: 2,
    });
    sqs.send(sqs.queueUrl('failures'), JSON.stringify(notice));
    cli = await startCli(['serve', '--endpoint', local.endpoint, '--port', '0'], {
      env: { AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint, AWS_ACCESS_KEY_ID: 'AKIAALLOWED000000000', AWS_SECRET_ACCESS_KEY: 'x' },
    });
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
    await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders', exact: true }).click();
    const consumers = page.getByRole('region', { name: 'Consumers' });
    await expect(consumers.getByText('arn:aws:sqs:us-east-1:000000000000:failures')).toBeVisible();
    await consumers.getByRole('button', { name: 'Open failures of enrich' }).click();

    await expect(page.getByLabel('Notices from')).toHaveText(`Notices from the queue ${queueUrl}`);
    const table = page.getByRole('table', { name: 'Records' });
    await expect(table.getByRole('row')).toHaveCount(3);
    // Shown, then handed back: looking deletes nothing.
    await expect(page.getByRole('status', { name: 'Failure queue' })).toHaveText(
      '0 messages deleted from the queue, 1 message handed back.',
    );
    expect(sqs.messages(sqs.queueUrl('failures'))).toHaveLength(1);

    await page.getByRole('button', { name: 'Send back…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send back the records of orders' });
    await dialog.getByRole('combobox', { name: 'To stream' }).fill('orders-again');
    await dialog.getByRole('button', { name: 'Review and write…' }).click();
    await dialog.getByRole('button', { name: 'Write to orders-again' }).click();
    await expect(dialog.getByRole('status', { name: 'state: completed' })).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => sqs.messages(sqs.queueUrl('failures')).length).toBe(0);
    expect(keyed(await readAllRaw(client, 'orders-again'))).toEqual(
      keyed(failed.map((r) => ({ partitionKey: r.PartitionKey, data: r.Data }))),
    );
  } finally {
    await cli?.stop();
    await lambda?.close();
    client.destroy();
    await local.close();
    await sqs.close();
    await kinesis.stop();
  }
});
