import { expect, test } from './fixtures';

const payment = {
  paymentId: 'pay-e2e-1',
  accountId: 'acc-e2e',
  amount: '12.345',
  currency: 'EUR',
  method: 'CARD',
  createdAt: '2024-05-01T10:00:00Z',
  merchant: 'Corner shop',
};

test('the put editor encodes JSON with a Glue schema: a refused value is shown at the data, a fitting one is written and decoded', async ({
  page,
  ownServed,
}) => {
  await page.goto(ownServed.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'payments' }).click();
  await page.getByRole('region', { name: 'Stream payments' }).getByRole('button', { name: 'Put a record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Put a record into payments' });

  // Keyboard only: the schema mode is a radio, the schema a select, as a user tabbing through would meet them.
  await dialog.getByRole('radio', { name: 'A schema from the Glue Schema Registry' }).check();
  const schema = dialog.getByRole('combobox', { name: 'Schema' });
  await schema.focus();
  await schema.selectOption('shardscope-demo/payments');
  await expect(dialog.getByRole('combobox', { name: 'Wire format' })).toHaveValue('gsr');
  // Plain data's own choices give way: the schema encodes JSON and its framing compresses.
  await expect(dialog.getByRole('radio', { name: 'Base64 (bytes)' })).toHaveCount(0);

  const data = dialog.getByRole('textbox', { name: 'Data (JSON to encode)' });
  await data.fill(JSON.stringify(payment));
  await dialog.getByRole('textbox', { name: 'Partition key' }).fill('acc-e2e');
  await dialog.getByRole('button', { name: 'Review and write…' }).click();
  // 12.345 has three decimals; the schema's decimal has two.
  await expect(data).toHaveAccessibleDescription(/\$\.amount: string "12\.345" is not a decimal value/);

  // Said once, at the data; editing it brings back the review.
  await expect(dialog.getByText('Cannot write there')).toHaveCount(0);
  await data.fill(JSON.stringify({ ...payment, amount: '12.34' }));
  await dialog.getByRole('button', { name: 'Review and write…' }).click();
  const confirm = dialog.getByRole('region', { name: 'Confirm the write' });
  await expect(confirm.locator('.pairs__row').filter({ hasText: 'Schema' })).toHaveText(/Schemapayments v2 \(AVRO\) from shardscope-demo/);
  await confirm.getByRole('button', { name: 'Write to payments' }).click();
  const written = dialog.getByRole('region', { name: 'Record written' });
  await expect(written).toContainText(/Written to shardId-\d+ as sequence number \d+/);

  // Read back through the decoder: the inspector shows the decoded value and the schema that wrote it.
  await written.getByRole('button', { name: 'Open in live preview' }).click();
  const inspector = page.getByRole('region', { name: 'Record inspector' });
  await expect(inspector).toContainText('pay-e2e-1');
  await expect(inspector).toContainText('12.34');
  await expect(inspector).toContainText('decoded from AVRO');
  await expect(inspector).toContainText('payments v2 in shardscope-demo');
});
