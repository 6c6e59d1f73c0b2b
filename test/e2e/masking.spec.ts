import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import type { Page } from '@playwright/test';
import { createKinesisClient } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from '../../main/domain/sandbox/sandbox';
import { openTab } from '../support/socket-client';
import { openPage, previewRecords, startPreview } from '../support/ui-driver';
import { axeFindings } from './axe';
import { expect, test } from './fixtures';

const STREAM = 'masked-customers';
const EMAIL = 'ada.lovelace@example.com';
// Valid Luhn numbers (Visa, Mastercard, Amex) and one that fails the check, so is not a card.
const CARD = '4111111111111111';
const NESTED_CARDS = ['5555555555554444', '378282246310005'];
const NOT_A_CARD = '4111111111111112';
const CLEAR = [EMAIL, CARD, ...NESTED_CARDS];

async function putCustomer(origin: string, token: string): Promise<void> {
  const tab = await openTab(origin, token);
  const active = (await tab.call('connections:active', {})) as { value: { endpoint: string } };
  tab.close();
  const client = createKinesisClient({ region: SANDBOX_REGION, endpoint: active.value.endpoint, credentials: SANDBOX_CREDENTIALS });
  await client.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 1 }));
  await waitUntilStreamExists({ client, maxWaitTime: 30 }, { StreamName: STREAM });
  const customer = {
    customer: { email: EMAIL },
    card: CARD,
    note: NOT_A_CARD,
    wallet: { cards: NESTED_CARDS.map((number) => ({ number })) },
  };
  await client.send(
    new PutRecordsCommand({ StreamName: STREAM, Records: [{ PartitionKey: 'customer-1', Data: Buffer.from(JSON.stringify(customer)) }] }),
  );
  client.destroy();
}

async function addRule(page: Page, rule: { by: 'Field path' | 'Detector'; value: string; action: string; stream?: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a masking rule' });
  await form.getByRole('radio', { name: rule.by }).check();
  if (rule.by === 'Detector') await form.getByRole('combobox', { name: 'Detector' }).selectOption({ label: rule.value });
  else await form.getByRole('textbox', { name: 'Field path' }).fill(rule.value);
  await form.getByRole('combobox', { name: 'Action' }).selectOption(rule.action);
  await form.getByRole('combobox', { name: 'Only on stream (empty: every stream)' }).fill(rule.stream ?? '');
  await form.getByRole('button', { name: 'Add rule' }).click();
}

test('masking rules added in the app keep clear values out of the page and its socket, and the unmasked view is audited', async ({
  page,
  ownServed,
}) => {
  await putCustomer(ownServed.origin, ownServed.token);
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => frames.push(payload.toString())));
  await page.goto(ownServed.url);

  await openPage(page, 'Connections');
  const section = page.getByRole('region', { name: /^Masking/ });
  await expect(section.getByText('No masking rules')).toBeVisible();
  await addRule(page, { by: 'Detector', value: 'Email address', action: 'redact' });
  await addRule(page, { by: 'Detector', value: 'Card number (Luhn-checked)', action: 'partial', stream: STREAM });
  await addRule(page, { by: 'Field path', value: 'data.custmer.email', action: 'redact' });
  const rules = section.getByRole('table', { name: 'Masking rules' });
  await expect(rules.getByRole('row')).toHaveCount(4);
  await expect(rules.getByRole('row').nth(2)).toContainText(STREAM);
  expect(await axeFindings(page, 'main')).toEqual([]);

  await startPreview(page, { stream: STREAM, from: 'TRIM_HORIZON' });
  const row = previewRecords(page).getByRole('row', { name: /customer-1/ });
  await expect(row).toContainText('masked');
  await row.click();
  const inspector = page.getByRole('region', { name: 'Record inspector' });
  await expect(inspector.getByRole('note', { name: 'Masked record' })).toHaveText(/Raw bytes are not shown: this record is masked/);
  await expect(inspector.getByRole('tab')).toHaveText(['JSON tree']);
  const tree = inspector.getByRole('tabpanel', { name: 'JSON tree' });
  for (const shown of ['***1111', '***4444', '***0005', NOT_A_CARD]) await expect(tree).toContainText(shown);
  await expect(tree.locator('.json__masked')).toHaveCount(4);

  const html = await page.content();
  for (const value of CLEAR) expect(html).not.toContain(value);
  expect(frames.some((frame) => frame.includes('***1111'))).toBe(true);
  for (const value of CLEAR) expect(frames.filter((frame) => frame.includes(value))).toEqual([]);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('note', { name: 'Masking rules that masked nothing' })).toHaveText(
    'Rule 3 (path data.custmer.email → redact) masked nothing in this read: check its path.',
  );

  // Search sees the clear values, but what it returns, and so what "Export matches" saves, is masked.
  await openPage(page, 'Search');
  const search = page.getByRole('form', { name: 'Search a window' });
  await search.getByRole('combobox', { name: 'Stream to search' }).fill(STREAM);
  await search.getByRole('combobox', { name: 'Window start' }).selectOption('TRIM_HORIZON');
  await search.getByRole('textbox', { name: 'Expression (CEL)' }).fill(`data.customer.email == "${EMAIL}"`);
  await search.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status', { name: 'state: done' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('table', { name: 'Records' })).toHaveAttribute('aria-rowcount', '2');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export matches' }).click();
  const exported = await (await download).createReadStream();
  let text = '';
  for await (const chunk of exported) text += String(chunk);
  expect(text).toContain('***1111');
  for (const value of CLEAR) expect(text).not.toContain(value);

  // The unmasked view: asked, confirmed, then the same record reads in the clear, and the log says who switched it.
  await openPage(page, 'Connections');
  // The click only asks: the switch turns on once confirmed.
  await section.getByRole('switch', { name: 'Show masked fields in the clear' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Show values in the clear?' });
  await expect(confirm).toContainText('written to the audit log');
  await confirm.getByRole('button', { name: 'Show values in the clear' }).click();
  await expect(section.getByRole('switch', { name: 'Show masked fields in the clear' })).toBeChecked();
  await expect(section.getByRole('alert')).toContainText('values are shown in the clear');
  await startPreview(page, { stream: STREAM, from: 'TRIM_HORIZON' });
  await previewRecords(page)
    .getByRole('row', { name: /customer-1/ })
    .click();
  await expect(inspector.getByRole('tabpanel', { name: 'JSON tree' })).toContainText(EMAIL);
  await expect(inspector.getByRole('tab', { name: 'Hex' })).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();

  await openPage(page, 'Audit log');
  await expect(page.getByRole('table', { name: 'Audit entries' }).getByRole('row').nth(1)).toContainText('Switch the unmasked view');
});

test('an imported rules file with a bad rule is refused, naming the rule, and removing a rule takes it off', async ({
  page,
  ownServed,
}) => {
  await page.goto(ownServed.url);
  await openPage(page, 'Connections');
  const section = page.getByRole('region', { name: /^Masking/ });
  const bad = {
    rules: [
      { path: 'data.customer.email', action: 'hash' },
      { path: 'customer.card', action: 'redact' },
    ],
  };
  await section
    .getByLabel('Rules file', { exact: true })
    .setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(section.getByRole('alert', { name: 'The rules file was not imported' })).toContainText('Rule 2 (rules[1].path)');
  await expect(section.getByText('No masking rules')).toBeVisible();

  const good = {
    rules: [
      { detector: 'iban', action: 'redact', runs: false },
      { pattern: 'secret-[0-9]+', action: 'drop' },
    ],
  };
  await section
    .getByLabel('Rules file', { exact: true })
    .setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  const rules = section.getByRole('table', { name: 'Masking rules' });
  await expect(rules.getByRole('row')).toHaveCount(3);
  await expect(rules.getByRole('row').nth(1)).toContainText('Not applied');
  await section.getByRole('button', { name: 'Remove rule 1 (detector iban)' }).focus();
  await page.keyboard.press('Enter');
  await expect(rules.getByRole('row')).toHaveCount(2);
  await expect(rules.getByRole('row').nth(1)).toContainText('/secret-[0-9]+/');
});
