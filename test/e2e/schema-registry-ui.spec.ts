import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startLocalKinesis, type LocalKinesis } from '../../main/domain/sandbox/kinesalite-server';
import { startLocalConfluentRegistry, type LocalConfluentRegistry } from '../../main/domain/sandbox/registries/confluent-registry-server';
import { openPage, previewRecords, previewStreamPicker, startPreview } from '../support/ui-driver';
import { axeFindings } from './axe';
import { expect, test } from './fixtures';

const TOKEN = `E2EREGISTRYTOKEN${randomBytes(10).toString('hex')}`;
const keychainExpected = process.env.SHARDSCOPE_TEST_KEYRING === '1';

test("a payments record names its schema, and View schema opens the registry's definition", async ({ page, served }) => {
  await page.goto(served.url);
  await startPreview(page, { stream: 'payments', from: 'TRIM_HORIZON' });
  const table = previewRecords(page);
  await expect(table.getByRole('row').nth(1)).toBeVisible({ timeout: 20_000 });
  await table.getByRole('row').nth(1).click();
  const inspector = page.getByRole('region', { name: 'Record inspector' });
  await expect(inspector).toContainText('json, decoded from AVRO');
  await expect(inspector).toContainText(/payments v[12] in shardscope-demo \(id [0-9a-f-]{36}\)/);

  await inspector.getByRole('button', { name: 'View schema' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schema' });
  await expect(dialog.getByLabel('Schema source')).toContainText(/payments · AVRO · shardscope-demo, version [12]/);
  // Indented, as text: a field of the payments record on a line of its own.
  await expect(dialog.getByLabel('Schema definition', { exact: true })).toContainText('"name": "paymentId"');
  expect(await axeFindings(page, 'dialog')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Stop' }).click();

  // A Protobuf schema is shown as the .proto it was registered as.
  await page.getByRole('button', { name: 'Clear' }).click();
  await startPreview(page, { stream: 'telemetry', from: 'TRIM_HORIZON', open: false });
  await expect(table.getByRole('row').nth(1)).toBeVisible({ timeout: 20_000 });
  await table.getByRole('row').nth(1).click();
  await expect(inspector).toContainText('json, decoded from PROTOBUF');
  await inspector.getByRole('button', { name: 'View schema' }).click();
  await expect(dialog.getByLabel('Schema definition', { exact: true })).toContainText('message TelemetryReading {');
  await dialog.getByRole('button', { name: 'Close schema' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Stop' }).click();
});

test("a stream's schema binding is set, listed and removed from the preview's Schema button", async ({ page, ownServed }) => {
  const schemaFile = join(mkdtempSync(join(tmpdir(), 'shardscope-e2e-binding-')), 'order.avsc');
  writeFileSync(schemaFile, JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'long' }] }));
  await page.goto(ownServed.url);
  await openPage(page, 'Live preview');
  await previewStreamPicker(page).fill('orders');
  await page.getByRole('button', { name: 'Schema: auto-detect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schema for orders' });
  await expect(dialog.getByText('No stream is bound')).toBeVisible();

  await dialog.getByLabel('No framing: read every record with the schema file').check();
  await dialog.getByRole('button', { name: 'Save binding' }).click();
  await expect(dialog.getByLabel('Schema file', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Reading records with no framing needs a schema file.')).toBeVisible();

  await dialog.getByLabel('Schema file', { exact: true }).fill(schemaFile);
  await dialog.getByRole('button', { name: 'Save binding' }).click();
  await expect(dialog.getByRole('region', { name: 'Bindings on this connection' })).toContainText('orders: no framing, order.avsc');
  expect(await axeFindings(page, 'dialog')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Schema: no framing, order.avsc' })).toBeVisible();

  await page.getByRole('button', { name: 'Schema: no framing, order.avsc' }).click();
  await expect(dialog.getByLabel('Schema file', { exact: true })).toHaveValue(schemaFile);
  await dialog.getByRole('button', { name: 'Remove binding' }).click();
  await expect(dialog.getByText('No stream is bound')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close schema for orders' }).click();
  await expect(page.getByRole('button', { name: 'Schema: auto-detect' })).toBeVisible();
});

test.describe('a connection with a Confluent-compatible registry', () => {
  let kinesis: LocalKinesis;
  let registry: LocalConfluentRegistry;
  test.beforeAll(async () => {
    [kinesis, registry] = await Promise.all([startLocalKinesis(), startLocalConfluentRegistry({ credentials: { bearer: TOKEN } })]);
  });
  test.afterAll(async () => {
    await Promise.all([kinesis?.close(), registry?.close()]);
  });

  test('is saved with a bearer token that never comes back to the page', async ({ page, ownServed }) => {
    await page.goto(ownServed.url);
    await openPage(page, 'Connections');
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('form', { name: 'Add a connection' });
    await form.getByLabel('Name').fill('registry-e2e');
    await form.getByLabel('Endpoint URL').fill(kinesis.endpoint);
    await form.getByLabel('Default credential chain').check();
    await form.getByLabel('Glue endpoint').fill('ftp://glue');
    await form.getByLabel('S3 endpoint').fill('ftp://s3');
    await form.getByLabel('Confluent registry URL').fill(registry.endpoint);
    await form.getByLabel('Registry authentication').selectOption('bearer');
    await form.getByLabel('Registry token').fill(TOKEN);
    expect(await axeFindings(page, 'form')).toEqual([]);
    await form.getByRole('button', { name: 'Save connection' }).click();
    await expect(form.getByLabel('Glue endpoint')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('S3 endpoint')).toHaveAttribute('aria-invalid', 'true');
    await form.getByLabel('Glue endpoint').fill('');
    await form.getByLabel('S3 endpoint').fill('http://127.0.0.1:4571/');
    await form.getByRole('button', { name: 'Save connection' }).click();
    if (!keychainExpected) {
      await expect(form.getByRole('alert')).toContainText('The OS keychain is not available');
      await form.getByRole('button', { name: 'Keep for this session only' }).click();
    }
    await expect(form).toBeHidden();

    const row = page.getByRole('table', { name: 'Connections' }).getByRole('row', { name: /registry-e2e/ });
    const host = new URL(registry.endpoint).host;
    await expect(row).toContainText(
      `schema registry ${host} (token ${keychainExpected ? 'stored in keychain' : 'kept for this session only'})`,
    );
    await row.getByRole('button', { name: 'Edit registry-e2e' }).click();
    const edit = page.getByRole('form', { name: 'Edit registry-e2e' });
    await expect(edit.getByLabel('Confluent registry URL')).toHaveValue(registry.endpoint);
    await expect(edit.getByLabel('S3 endpoint')).toHaveValue('http://127.0.0.1:4571');
    await expect(edit.getByRole('status', { name: 'Registry token state' })).toContainText(
      keychainExpected ? 'Saved in keychain' : 'Kept for this session only',
    );
    await expect(edit.getByLabel('Registry token', { exact: true })).toHaveCount(0);
    expect(await page.content()).not.toContain(TOKEN);
    await edit.getByRole('button', { name: 'Replace token' }).click();
    await expect(edit.getByLabel('Registry token', { exact: true })).toHaveValue('');
  });
});
