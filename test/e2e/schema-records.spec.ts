import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import avro from 'avsc';
import { createKinesisClient } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from '../../main/domain/sandbox/sandbox';
import { gsrFrame } from '../support/gsr-frame';
import { openTab } from '../support/socket-client';
import { previewRecords, startPreview } from '../support/ui-driver';
import { expect, test } from './fixtures';

const PAYMENT = {
  type: 'record',
  name: 'Payment',
  fields: [
    { name: 'amount', type: 'double' },
    { name: 'note', type: ['null', 'string'] },
  ],
};

test('the inspector shows a GSR Avro record decoded with its bound schema, its union branches and its bytes', async ({
  page,
  ownServed,
}) => {
  const schemaFile = join(mkdtempSync(join(tmpdir(), 'shardscope-e2e-schema-')), 'payment.avsc');
  writeFileSync(schemaFile, JSON.stringify(PAYMENT));
  const tab = await openTab(ownServed.origin, ownServed.token);
  const active = (await tab.call('connections:active', {})) as { value: { endpoint: string } };
  expect(await tab.call('schemas:setBinding', { stream: 'orders', mode: 'auto', file: { path: schemaFile } })).toMatchObject({ ok: true });
  tab.close();
  const client = createKinesisClient({ region: SANDBOX_REGION, endpoint: active.value.endpoint, credentials: SANDBOX_CREDENTIALS });
  const body = avro.Type.forSchema(PAYMENT as avro.Schema).toBuffer({ amount: 120.5, note: 'express' });
  await client.send(
    new PutRecordCommand({ StreamName: 'orders', PartitionKey: 'gsr-e2e', Data: gsrFrame('0d0d0d0d-0d0d-4d0d-8d0d-0d0d0d0d0d0d', body) }),
  );
  client.destroy();

  await page.goto(ownServed.url);
  await startPreview(page, { stream: 'orders', from: 'TRIM_HORIZON' });
  const table = previewRecords(page);
  await page.getByRole('searchbox', { name: 'Filter records' }).fill('gsr-e2e');
  await expect(table.getByRole('row').nth(1)).toContainText('gsr-e2e', { timeout: 20_000 });
  await table.getByRole('row').nth(1).click();
  const inspector = page.getByRole('region', { name: 'Record inspector' });
  await expect(inspector).toContainText('json, decoded from AVRO');
  await expect(inspector).toContainText(`payment.avsc (file ${schemaFile})`);
  await expect(inspector.getByRole('tabpanel', { name: 'JSON tree' })).toContainText('express');
  await inspector.getByText('Union branches (1)').click();
  await expect(inspector.getByRole('group', { name: 'Union branches' })).toContainText('$.notestring');
  await inspector.getByRole('tab', { name: 'Hex' }).click();
  // The bytes as read, GSR header first: version 3, no compression, then the version id.
  await expect(inspector.getByRole('tabpanel', { name: 'Hex dump' })).toContainText('00000000  03 00 0d 0d');
  await page.getByRole('button', { name: 'Stop' }).click();
});

test("the preview's rows of the sandbox's payments come without their bytes, and Hex fetches them in one click", async ({
  page,
  served,
}) => {
  const batches: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string' && payload.includes('preview:records')) batches.push(payload);
    }),
  );
  await page.goto(served.url);
  await startPreview(page, { stream: 'payments', from: 'TRIM_HORIZON' });
  const table = previewRecords(page);
  await table.getByRole('row').nth(1).click({ timeout: 20_000 });
  const inspector = page.getByRole('region', { name: 'Record inspector' });
  await expect(inspector).toContainText('json, decoded from AVRO');
  // Decoded through the Glue stand-in, each row carries its schema and value but not its bytes.
  expect(batches.some((batch) => batch.includes('"schema"'))).toBe(true);
  expect(batches.filter((batch) => batch.includes('"raw"'))).toEqual([]);
  await inspector.getByRole('tab', { name: 'Hex' }).click();
  // The bytes as read, fetched by that click: the GSR header first (version 3, then no compression
  // or zlib: the sandbox's producer compresses a fifth of its v2 records, as some serializers do).
  await expect(inspector.getByRole('tabpanel', { name: 'Hex dump' })).toContainText(/00000000 {2}03 0[05] /);
  await page.getByRole('button', { name: 'Stop' }).click();
});
