import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { expect, test } from '@playwright/test';
import { startCli } from '../support/cli';
import { startKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw } from '../support/sdk';

test('create a stream, reshard it from the detail with the plan shown, then delete it by typing its name (kinesalite)', async ({
  page,
}) => {
  const server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  const cli = await startCli(['serve', '--endpoint', server.endpoint, '--port', '0']);
  try {
    // A stream already there: its ARN names the endpoint's account, which a create will land in.
    await createStream(client, 'already-here', 1);
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
    await page.getByRole('button', { name: 'Create stream' }).click();
    const create = page.getByRole('dialog', { name: 'Create a stream' });
    await create.getByRole('textbox', { name: 'Stream name' }).fill('made-here');
    await create.getByRole('spinbutton', { name: 'Open shards' }).fill('2');
    await expect(create.getByRole('region', { name: 'What will change' })).toContainText('Create made-here, provisioned with 2 shards.');
    await expect(create.getByText('aws kinesis create-stream --stream-name made-here --shard-count 2')).toBeVisible();
    await create.getByRole('button', { name: 'Review and write…' }).click();
    const confirm = create.getByRole('region', { name: 'Confirm the write' });
    await expect(confirm.locator('.pairs__row').filter({ hasText: 'Account' })).toContainText('000000000000');
    await create.getByRole('button', { name: 'Apply to made-here' }).click();
    // A success, and where: the account and the connection it was made on.
    await expect(create.getByRole('status', { name: 'Change applied' })).toContainText(
      `✓ Created made-here in account 000000000000 on connection "${new URL(server.endpoint).host}" (us-east-1, ${server.endpoint}); it is ACTIVE.`,
      { timeout: 30_000 },
    );
    await create.getByRole('button', { name: /^Close/ }).click();
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: 'made-here' }));
    expect(summary.StreamDescriptionSummary).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 2 });

    await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'made-here' }).click();
    const detail = page.getByRole('region', { name: 'Stream made-here' });
    await detail.getByRole('combobox', { name: 'Change made-here' }).selectOption('reshard');
    const reshard = page.getByRole('dialog', { name: 'Change the shard count of made-here' });
    await reshard.getByRole('spinbutton', { name: 'Open shards' }).fill('3');
    await expect(reshard.getByRole('img', { name: /^After: 3 open shards/ })).toBeVisible();
    await expect(reshard.getByRole('img', { name: /^Now: 2 open shards/ })).toBeVisible();
    await expect(reshard.getByText('Shard-hours a day: 48 → 72')).toBeVisible();
    await reshard.getByRole('button', { name: 'Review and write…' }).click();
    await reshard.getByRole('button', { name: 'Apply to made-here' }).click();
    const applied = reshard.getByRole('status', { name: 'Change applied' });
    await expect(applied).toContainText('This endpoint has no UpdateShardCount', { timeout: 60_000 });
    await reshard.getByRole('button', { name: /^Close/ }).click();
    await expect(detail.getByRole('list', { name: 'Shard lineage' }).getByRole('listitem', { name: /, open$/ })).toHaveCount(3);

    // Merge from the shard map: the dialog opens on that shard and its neighbour, planned.
    await detail
      .getByRole('button', { name: /^Merge shardId-\d+ with shardId-\d+$/ })
      .first()
      .click();
    const merge = page.getByRole('dialog', { name: 'Merge shards of made-here' });
    await expect(merge.getByRole('region', { name: 'What will change' })).toContainText(/Merge shardId-\d+ and shardId-\d+ of made-here\./);
    await expect(merge.getByRole('img', { name: /^After: 2 open shards/ })).toBeVisible();
    await page.keyboard.press('Escape');

    await detail.getByRole('combobox', { name: 'Change made-here' }).selectOption('delete');
    const remove = page.getByRole('dialog', { name: 'Delete made-here' });
    await expect(remove.getByRole('region', { name: 'What will change' })).toContainText('Delete made-here and every record in it.');
    await expect(remove.getByRole('button', { name: 'Review and write…' })).toHaveCount(0);
    await remove.getByRole('textbox', { name: 'Type made-here to delete it' }).fill('made-here');
    await remove.getByRole('button', { name: 'Review and write…' }).click();
    await remove.getByRole('button', { name: 'Delete made-here', exact: true }).click();
    await expect(remove.getByRole('status', { name: 'Change applied' })).toBeVisible({ timeout: 30_000 });
    await remove.getByRole('button', { name: /^Close/ }).click();
    // A stream deleted while browsed stays listed, marked, so the user sees what happened.
    await expect(page.getByRole('table', { name: 'Streams' }).getByRole('row', { name: /made-here/ })).toContainText('GONE');
    await expect(readAllRaw(client, 'made-here')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  } finally {
    await cli.stop();
    client.destroy();
    await server.stop();
  }
});
