import { CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../../main/aws/clients';
import { startLocalKinesis, type LocalKinesis } from '../../main/domain/sandbox/kinesalite-server';
import { expect, test } from './fixtures';

const SECRET = 'e2eSecretAccessKey/abcdefghij0123456789';
const keychainExpected = process.env.SHARDSCOPE_TEST_KEYRING === '1';

let endpoint: LocalKinesis;
test.beforeAll(async () => {
  endpoint = await startLocalKinesis();
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint: endpoint.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  await client.send(new CreateStreamCommand({ StreamName: 'e2e-profile-stream', ShardCount: 1 }));
  client.destroy();
});
test.afterAll(() => endpoint?.close());

test('add a connection to a local endpoint, test it, use it, and remove it', async ({ page, ownServed }) => {
  await page.goto(ownServed.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
  await page.getByRole('button', { name: 'Add connection' }).click();

  const form = page.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Name').fill('local-keys');
  await form.getByLabel('Region').fill('us-east-1');
  await form.getByLabel('Endpoint URL').fill(endpoint.endpoint);
  await form.getByLabel('Access keys').check();
  await form.getByLabel('Access key ID').fill('AKIAIOSFODNN7EXAMPLE');
  await form.getByLabel('Secret access key').fill(SECRET);
  await form.getByRole('spinbutton', { name: 'Reads a second' }).fill('9');
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form.getByText('Kinesis allows at most 5 reads a second per shard.')).toBeVisible();
  await form.getByRole('spinbutton', { name: 'Reads a second' }).fill('2');
  await form.getByRole('button', { name: 'Save connection' }).click();
  if (!keychainExpected) {
    // No Secret Service where this runs: the app must say so and offer memory only.
    await expect(form.getByRole('alert')).toContainText('The OS keychain is not available');
    await form.getByRole('button', { name: 'Keep for this session only' }).click();
  }
  await expect(form).toBeHidden();

  const table = page.getByRole('table', { name: 'Connections' });
  const row = table.getByRole('row', { name: /local-keys/ });
  await expect(row).toContainText(keychainExpected ? 'secret stored in keychain' : 'secret kept for this session only');
  expect(await page.content()).not.toContain(SECRET);

  await row.getByRole('button', { name: 'Test local-keys' }).click();
  await expect(row.getByRole('status', { name: 'Test result for local-keys' })).toHaveText(`OK · ${endpoint.endpoint} answered.`);

  await row.getByRole('button', { name: 'Use local-keys' }).click();
  await expect(page.getByRole('status', { name: 'Active connection' })).toContainText('local-keys');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Streams' }).click();
  await expect(page.getByRole('table', { name: 'Streams' }).getByRole('rowheader')).toHaveText(['e2e-profile-stream']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await row.getByRole('button', { name: 'Edit local-keys' }).click();
  const edit = page.getByRole('form', { name: 'Edit local-keys' });
  await expect(edit.getByRole('button', { name: 'Replace secret' })).toBeVisible();
  await expect(edit.getByLabel('Secret access key')).toHaveCount(0);
  await expect(edit.getByRole('spinbutton', { name: 'Reads a second' })).toHaveValue('2');
  await edit.getByRole('button', { name: 'Cancel' }).click();

  await row.getByRole('button', { name: 'Remove local-keys' }).click();
  await page.getByRole('group', { name: 'Confirm removing local-keys' }).getByRole('button', { name: 'Remove local-keys' }).click();
  await expect(table.getByRole('row', { name: /local-keys/ })).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Active connection' })).toContainText('Local sandbox');
});

test('a form with mistakes says what is wrong next to each field', async ({ page, ownServed }) => {
  await page.goto(ownServed.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await page.getByRole('button', { name: 'Add connection' }).click();
  const form = page.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Name').fill('typo');
  await form.getByLabel('Region').fill('europe');
  await form.getByLabel('Endpoint URL').fill('localhost:4567');
  await form.getByLabel('Default credential chain').check();
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(form.getByLabel('Region')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('A region looks like us-east-1 or eu-central-2.')).toBeVisible();
  await expect(form.getByLabel('Endpoint URL')).toHaveAttribute('aria-invalid', 'true');
});
