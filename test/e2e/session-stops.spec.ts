import { DeleteStreamCommand } from '@aws-sdk/client-kinesis';
import { expect, test } from '@playwright/test';
import { startCli } from '../support/cli';
import { startKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';
import { measureThroughput, previewRecords, previewState, startPreview } from '../support/ui-driver';

// A session that ends by itself (here: its stream is deleted under it) says why, on each page that runs one.
test('a preview and a meter whose stream is deleted stop and say why (kinesalite)', async ({ page }) => {
  const server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  const cli = await startCli(['serve', '--endpoint', server.endpoint, '--port', '0']);
  try {
    await createStream(client, 'doomed', 1);
    await put(client, 'doomed', [{ key: 'a', data: '{"n":1}' }]);
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);

    await measureThroughput(page, 'doomed');
    await expect(page.getByRole('status', { name: /^records per second: / })).toBeVisible({ timeout: 15_000 });
    await client.send(new DeleteStreamCommand({ StreamName: 'doomed' }));
    await expect(page.getByRole('alert')).toContainText(/The meter stopped: shardId-000000000000: ResourceNotFoundException/, {
      timeout: 15_000,
    });
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);

    await createStream(client, 'doomed', 1);
    await put(client, 'doomed', [{ key: 'a', data: '{"n":2}' }]);
    await startPreview(page, { stream: 'doomed', from: 'TRIM_HORIZON' });
    await expect(previewRecords(page).getByRole('row')).toHaveCount(2, { timeout: 15_000 });
    await client.send(new DeleteStreamCommand({ StreamName: 'doomed' }));
    await expect(page.getByRole('alert')).toContainText(/The preview stopped: shardId-000000000000: ResourceNotFoundException/, {
      timeout: 15_000,
    });
    await expect(previewState(page)).toContainText('Stopped');
  } finally {
    await cli.stop();
    client.destroy();
    await server.stop();
  }
});
