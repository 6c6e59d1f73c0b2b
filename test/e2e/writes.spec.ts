import { expect, test, type Locator } from '@playwright/test';
import { startCli } from '../support/cli';
import { startKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, keyed, readAllRaw } from '../support/sdk';

/** One row of a confirmation's facts, by its label. */
const row = (confirm: Locator, label: string): Locator =>
  confirm.locator('.pairs__row').filter({ has: confirm.page().getByText(label, { exact: true }) });

test('put a record from the stream detail, open it in the preview, put it again, copy the stream: each named and confirmed (kinesalite)', async ({
  page,
}) => {
  const server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  const cli = await startCli(['serve', '--endpoint', server.endpoint, '--port', '0']);
  try {
    await createStream(client, 'writes-a', 2);
    await createStream(client, 'writes-b', 1);
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
    await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'writes-a' }).click();
    const detail = page.getByRole('region', { name: 'Stream writes-a' });
    await detail.getByRole('button', { name: 'Put a record' }).click();

    const dialog = page.getByRole('dialog', { name: 'Put a record into writes-a' });
    await dialog.getByRole('textbox', { name: 'Data' }).fill('{"order": 1, "total": 9.5}');
    await dialog.getByRole('textbox', { name: 'Partition key' }).fill('order-1');
    await expect(dialog.getByRole('status', { name: 'Where the record lands' })).toHaveText(/^Lands on shardId-00000000000[01]\.$/);
    const landing = (await dialog.getByRole('status', { name: 'Where the record lands' }).textContent())!.slice('Lands on '.length, -1);
    await dialog.getByRole('button', { name: 'Review and write…' }).click();
    const confirm = dialog.getByRole('region', { name: 'Confirm the write' });
    // Where it lands as main's plan names it, in the words the CLI uses too, and what is written.
    const label = (await row(confirm, 'Connection').locator('dd').textContent())!;
    expect(label).toContain(new URL(server.endpoint).host);
    const where = `in account 000000000000 on connection "${label}" (${server.region}, ${server.endpoint}):`;
    await expect(confirm.locator('p').first()).toHaveText(`Put 1 record into writes-a ${where}`);
    await expect(row(confirm, 'Account')).toHaveText('Account000000000000');
    await expect(row(confirm, 'Endpoint')).toHaveText(`Endpoint${server.endpoint}`);
    await expect(row(confirm, 'Data')).toHaveText('Data26 bytes');
    await confirm.getByRole('button', { name: 'Write to writes-a' }).click();
    const written = dialog.getByRole('region', { name: 'Record written' });
    await expect(written).toContainText(`Written to ${landing}`);

    const [stored] = await readAllRaw(client, 'writes-a');
    expect(stored).toMatchObject({ shardId: landing, partitionKey: 'order-1' });
    expect(stored!.data.toString()).toBe('{"order": 1, "total": 9.5}');
    await expect(written).toContainText(stored!.sequenceNumber);

    await written.getByRole('button', { name: 'Open in live preview' }).click();
    await expect(page.getByRole('heading', { name: 'Live preview' })).toBeVisible();
    // The form says where the preview started: at the record just written, on its shard.
    const started = page.getByRole('form', { name: 'Start a preview' });
    await expect(started.getByRole('combobox', { name: 'Starting position' })).toHaveValue('AT_SEQUENCE_NUMBER');
    await expect(started.getByRole('combobox', { name: 'Shard' })).toHaveValue(landing);
    await expect(started.getByRole('textbox', { name: 'Sequence number' })).toHaveValue(stored!.sequenceNumber);
    const inspector = page.getByRole('region', { name: 'Record inspector' });
    await expect(inspector).toContainText(stored!.sequenceNumber);

    // Put again: the stored bytes, read back by main, written once more.
    await inspector.getByRole('button', { name: 'Put again' }).click();
    const again = page.getByRole('dialog', { name: 'Send 1 record from writes-a' });
    await again.getByRole('button', { name: 'Review and write…' }).click();
    await again.getByRole('button', { name: 'Write to writes-a' }).click();
    await expect(again.getByRole('status')).toContainText('1 written to writes-a');
    await again.getByRole('button', { name: /^Close/ }).click();
    expect(keyed(await readAllRaw(client, 'writes-a'))).toEqual(keyed([stored!, stored!]));

    // Copy the stream into another, picked from the list of streams.
    await put(
      client,
      'writes-a',
      Array.from({ length: 40 }, (_, n) => ({ key: `k${n}`, data: `record ${n}` })),
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Streams' }).click();
    await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'writes-a' }).click();
    await detail.getByRole('button', { name: 'Copy to…' }).click();
    const copy = page.getByRole('dialog', { name: 'Copy from writes-a' });
    await copy.getByRole('combobox', { name: 'To stream' }).fill('writes-b');
    await copy.getByRole('combobox', { name: 'From' }).selectOption('TRIM_HORIZON');
    await expect(copy.getByLabel('Estimate')).toContainText('1,000 records/s');
    await copy.getByRole('button', { name: 'Review and write…' }).click();
    const copyConfirm = copy.getByRole('region', { name: 'Confirm the write' });
    await expect(copyConfirm.locator('p').first()).toHaveText(`Copy writes-a into writes-b ${where}`);
    await expect(row(copyConfirm, 'Pace')).toHaveText('Paceat most 1,000 records a second');
    await copy.getByRole('button', { name: 'Write to writes-b' }).click();
    await expect(copy.getByRole('status', { name: 'state: completed' })).toBeVisible({ timeout: 30_000 });
    await expect(copy.getByRole('status', { name: 'written: 42' })).toBeVisible();
    expect(keyed(await readAllRaw(client, 'writes-b'))).toEqual(keyed(await readAllRaw(client, 'writes-a')));
  } finally {
    await cli.stop();
    client.destroy();
    await server.stop();
  }
});

test('on a read-only connection the put is refused by main when it is planned, shown in the dialog, and nothing is written (kinesalite)', async ({
  page,
}) => {
  const server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  const cli = await startCli(['serve', '--endpoint', server.endpoint, '--read-only', '--port', '0']);
  try {
    await createStream(client, 'guarded', 1);
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
    await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'guarded' }).click();
    await page.getByRole('region', { name: 'Stream guarded' }).getByRole('button', { name: 'Put a record' }).click();
    const dialog = page.getByRole('dialog', { name: 'Put a record into guarded' });
    await dialog.getByRole('textbox', { name: 'Data' }).fill('{"refused": true}');
    await dialog.getByRole('textbox', { name: 'Partition key' }).fill('k');
    await dialog.getByRole('button', { name: 'Review and write…' }).click();
    const refusal = dialog.getByRole('alert');
    await expect(refusal).toContainText('Cannot write there');
    await expect(refusal).toContainText('is a read-only connection: Shardscope will not call PutRecord on guarded');
    await expect(dialog.getByRole('region', { name: 'Confirm the write' })).toHaveCount(0);
    // Back to the form, to plan again once the connection is writable.
    await dialog.getByRole('button', { name: 'Back' }).click();
    await expect(dialog.getByRole('button', { name: 'Review and write…' })).toBeVisible();
    expect(await readAllRaw(client, 'guarded')).toEqual([]);
  } finally {
    await cli.stop();
    client.destroy();
    await server.stop();
  }
});
