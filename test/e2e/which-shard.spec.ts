import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { referenceAggregate } from '../support/kpl-reference';
import { expect, test } from './fixtures';
import { sandboxClientShownIn } from './sandbox-client';

const TOP_HASH_KEY = ((1n << 128n) - 1n).toString();
const aggregate = referenceAggregate({
  partition_key_table: ['user-0001', 'user-0420', 'routed'],
  explicit_hash_key_table: [TOP_HASH_KEY],
  records: [
    { partition_key_index: 0, data: Buffer.from('{"a":1}') },
    { partition_key_index: 1, data: Buffer.from('{"b":2}') },
    { partition_key_index: 2, explicit_hash_key_index: 0, data: Buffer.from('{"c":3}') },
  ],
});

test('which shard: an explicit hash key routes a keyed record, and an aggregate’s user records are placed one by one', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'clickstream' }).click();
  const detail = page.getByRole('region', { name: 'Stream clickstream' });
  const client = await sandboxClientShownIn(detail);
  const answer = detail.getByRole('status', { name: 'Shard for key' });
  try {
    const put = (PartitionKey: string, ExplicitHashKey?: string) =>
      client.send(new PutRecordCommand({ StreamName: 'clickstream', PartitionKey, ExplicitHashKey, Data: Buffer.from('{}') }));
    const [alone, routed, last] = await Promise.all([put('user-0420'), put('user-0420', '0'), put('routed', TOP_HASH_KEY)]);

    await detail.getByLabel('Partition key to look up').fill('user-0420');
    await detail.getByLabel('Hash key that routes it (optional)').fill('0');
    await detail.getByRole('button', { name: 'Find shard' }).press('Enter');
    await expect(answer).toContainText(`${routed.ShardId} hash key 0`);
    await expect(answer).toContainText(`Routed by the explicit hash key; the partition key alone would go to ${alone.ShardId}.`);

    await detail.getByLabel('Hash key that routes it (optional)').fill('');
    await detail.getByLabel('Partition key to look up').fill('user-0001');
    await detail.getByLabel('The record is a KPL aggregate').check();
    const findShard = detail.getByRole('button', { name: 'Find shard' });
    await expect(findShard).toBeDisabled();
    await detail.getByLabel('Aggregate bytes (base64)').fill(aggregate.toString('base64'));
    await findShard.click();
    const rows = answer.getByRole('table', { name: 'User records of the aggregate' }).getByRole('row');
    await expect(rows).toHaveCount(4);
    const first = await put('user-0001');
    await expect(rows.nth(1)).toHaveText(['0', 'user-0001', '—', '7', first.ShardId!].join(''));
    const second = await put('user-0420');
    await expect(rows.nth(2)).toContainText(second.ShardId!);
    await expect(rows.nth(3)).toHaveText(`2routed${TOP_HASH_KEY}7${last.ShardId}${last.ShardId === first.ShardId ? '' : ' (elsewhere)'}`);

    await detail.getByLabel('Aggregate bytes (base64)').fill('');
    await detail
      .getByLabel('Aggregate file')
      .setInputFiles({ name: 'not-kpl.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('plain') });
    await findShard.click();
    await expect(answer).toContainText('These bytes are not a KPL aggregate');
  } finally {
    client.destroy();
  }
});
