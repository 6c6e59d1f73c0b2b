import { DeleteStreamCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { expect, test } from './fixtures';
import { sandboxClient, sandboxClientShownIn } from './sandbox-client';

test('filter, open a stream, read its shard map and place a key exactly where Kinesis does', async ({ page, served }) => {
  await page.goto(served.url);
  const table = page.getByRole('table', { name: 'Streams' });
  await expect(table.getByRole('rowheader')).toHaveCount(5);
  await page.getByRole('searchbox', { name: 'Filter streams' }).fill('CLICK');
  await expect(table.getByRole('rowheader')).toHaveText(['clickstream']);
  await expect(page.getByRole('status', { name: 'Stream count' })).toContainText('1 of 5 streams');

  await table.getByRole('button', { name: 'clickstream' }).click();
  const detail = page.getByRole('region', { name: 'Stream clickstream' });
  await expect(detail.getByRole('region', { name: 'Summary' })).toContainText('arn:aws:kinesis:us-east-1:000000000000:stream/clickstream');
  const lineage = detail.getByRole('list', { name: 'Shard lineage' });
  await expect(lineage.getByRole('listitem')).toHaveCount(4);
  await expect(lineage.getByRole('listitem', { name: 'shardId-000000000000, open' })).toContainText('25% of keys');

  const cli = await detail.getByRole('region', { name: 'AWS CLI' }).locator('code').textContent();
  expect(cli).toMatch(
    /^aws kinesis describe-stream-summary --stream-name clickstream --region us-east-1 --endpoint-url http:\/\/127\.0\.0\.1:\d+$/,
  );
  const endpoint = /--endpoint-url (\S+)/.exec(cli!)![1]!;

  const client = sandboxClient(endpoint);
  try {
    for (const key of ['user-0001', 'user-0420', 'some other key']) {
      await detail.getByLabel('Partition key to look up').fill(key);
      await detail.getByRole('button', { name: 'Find shard' }).click();
      const put = await client.send(new PutRecordCommand({ StreamName: 'clickstream', PartitionKey: key, Data: Buffer.from('{}') }));
      await expect(detail.getByRole('status', { name: 'Shard for key' })).toContainText(put.ShardId!);
    }
  } finally {
    client.destroy();
  }
  await detail.getByLabel('Explicit hash key').check();
  await detail.getByLabel('Explicit hash key to look up').fill('not a number');
  await detail.getByRole('button', { name: 'Find shard' }).click();
  await expect(detail.getByRole('status', { name: 'Shard for key' })).toContainText('An explicit hash key is a whole number');
});

test('sorts by shard count and moves the selection with the arrow keys', async ({ page, served }) => {
  await page.goto(served.url);
  const table = page.getByRole('table', { name: 'Streams' });
  await expect(table.getByRole('rowheader')).toHaveText(['clickstream', 'mixed-encodings', 'orders', 'payments', 'telemetry']);
  await expect(
    table
      .getByRole('row', { name: /orders/ })
      .getByRole('cell')
      .nth(2),
  ).toHaveText('2');
  await table.getByRole('button', { name: 'Open shards' }).click();
  await expect(table.getByRole('rowheader')).toHaveText(['mixed-encodings', 'payments', 'telemetry', 'orders', 'clickstream']);
  await table.getByRole('button', { name: /Open shards/ }).click();
  await expect(table.getByRole('rowheader')).toHaveText(['clickstream', 'orders', 'mixed-encodings', 'payments', 'telemetry']);

  await table.getByRole('button', { name: 'orders' }).click();
  await expect(page.getByRole('heading', { name: /^orders/ })).toBeVisible();
  await page.getByRole('rowgroup', { name: /arrow keys/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('heading', { name: /^mixed-encodings/ })).toBeVisible();
  await expect(table.getByRole('row', { selected: true })).toHaveCount(1);
});

test('a stream deleted while it is open is shown as gone, not as an error page', async ({ page, ownServed }) => {
  await page.goto(ownServed.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'orders' }).click();
  const detail = page.getByRole('region', { name: 'Stream orders' });
  const client = await sandboxClientShownIn(detail);
  try {
    await client.send(new DeleteStreamCommand({ StreamName: 'orders' }));
  } finally {
    client.destroy();
  }
  await detail.getByRole('button', { name: 'Reload orders' }).click();
  await expect(detail.getByText('This stream is gone')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Streams' }).getByRole('row', { name: /orders/ })).toContainText('GONE');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
