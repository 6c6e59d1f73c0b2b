import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { axeFindings } from './axe';
import { expect, test } from './fixtures';
import { sandboxClientShownIn } from './sandbox-client';

const STREAM = `heated-${Date.now().toString(36)}`;

test('heat over a window: the hot key first with its share, a split suggested, applied through the admin plan', async ({
  page,
  ownServed,
}) => {
  // Its own host: the stream it creates must not show in the shared sandbox's list.
  await page.goto(ownServed.url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'clickstream' }).click();
  const client = await sandboxClientShownIn(page);
  try {
    await client.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 1 }));
    await waitUntilStreamExists({ client, maxWaitTime: 30 }, { StreamName: STREAM });
    // Keys as long as "hot" and payloads alike, so its share of bytes is its share of records.
    // 900 records in one second: 90 % of a shard's record limit, so a split is due; "hot" is 40 % of them,
    // short of half the shard, so a split can still halve it.
    const records = [
      ...Array.from({ length: 360 }, () => ({ PartitionKey: 'hot', Data: Buffer.from('{"n":1}') })),
      ...Array.from({ length: 540 }, (_, i) => ({ PartitionKey: `k${String(i % 54).padStart(2, '0')}`, Data: Buffer.from('{"n":1}') })),
    ];
    // Both calls in one second: the shard's busiest second is what a split is measured by.
    await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000)));
    await Promise.all(
      [0, 450].map((at) => client.send(new PutRecordsCommand({ StreamName: STREAM, Records: records.slice(at, at + 450) }))),
    );
  } finally {
    client.destroy();
  }

  await page.reload();
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: STREAM }).click();
  const detail = page.getByRole('region', { name: `Stream ${STREAM}` });
  const heat = detail.getByRole('region', { name: 'Heat' });
  await expect(heat.getByText('No heat yet')).toBeVisible();
  await heat.getByRole('combobox', { name: 'Heat window start' }).selectOption('TRIM_HORIZON');
  await heat.getByRole('button', { name: 'Start heat' }).press('Enter');

  const keys = heat.getByRole('table', { name: 'Top keys of the stream' });
  await expect(keys.getByRole('row').nth(1)).toContainText('hot');
  await expect(keys.getByRole('row').nth(1)).toContainText('40 %');
  await expect(heat.getByRole('note')).toContainText('CloudWatch figures are not available on this connection');
  await expect(heat.getByRole('table', { name: 'Load per shard' }).getByRole('row')).toHaveCount(2);

  // The window's load priced: its busiest second (the 900 records) needs one shard.
  const capacity = heat.getByRole('region', { name: 'Capacity and cost' });
  await expect(capacity.getByLabel('Shards needed at peak')).toContainText('At this window’s peak (900 records/s');
  await expect(capacity.getByLabel('Shards needed at peak')).toContainText('needs 1 shard,');
  await expect(capacity.getByRole('table', { name: 'Provisioned cost a month' })).toContainText('Shard-hours');
  await expect(capacity.getByRole('table', { name: 'On-demand cost a month' })).toContainText('Stream-hours');
  await expect(capacity.getByLabel('Cheaper mode')).toContainText(/(Provisioned|On-demand) is cheaper by \$\d+\.\d\d a month/);

  const split = heat.getByRole('listitem', { name: /^Split shardId-/ });
  await expect(split).toContainText('near its limits');
  const hashKey = (await split.locator('.mono').first().textContent())!.trim();
  expect(hashKey).toMatch(/^\d+$/);
  expect(await axeFindings(page, '[aria-label="Heat"]')).toEqual([]);

  await split.getByRole('button', { name: /^Apply the split of shardId-\d+…$/ }).click();
  const dialog = page.getByRole('dialog', { name: `Split a shard of ${STREAM}` });
  await expect(dialog.getByRole('textbox', { name: 'Hash key' })).toHaveValue(hashKey);
  await expect(dialog.getByRole('region', { name: 'What will change' })).toContainText(hashKey);
  await dialog.getByRole('button', { name: 'Review and write…' }).click();
  await dialog.getByRole('button', { name: `Apply to ${STREAM}` }).click();
  await expect(dialog.getByRole('status', { name: 'Change applied' })).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: /^Close/ }).click();
  await expect(detail.getByRole('list', { name: 'Shard lineage' }).getByRole('listitem', { name: /, open$/ })).toHaveCount(2);
});
