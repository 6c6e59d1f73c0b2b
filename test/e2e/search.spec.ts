import { expect, test } from '@playwright/test';
import { startCli } from '../support/cli';
import { startKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';

test('search a window with a CEL expression: the compile error first, then exactly the matches (kinesalite)', async ({ page }) => {
  const server = await startKinesisServer('kinesalite');
  const client = arrangeClient(server);
  const cli = await startCli(['serve', '--endpoint', server.endpoint, '--port', '0']);
  try {
    await createStream(client, 'payments', 2);
    await put(
      client,
      'payments',
      Array.from({ length: 60 }, (_, n) => ({
        key: `user-${n % 7}`,
        data: JSON.stringify({ n, status: n % 4 === 0 ? 'FAILED' : 'PAID', total: { amount: n * 10 } }),
      })),
    );
    await page.goto(/^Shardscope is at (\S+)$/.exec(cli.firstLine)![1]!);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click();
    const form = page.getByRole('form', { name: 'Search a window' });
    await form.getByRole('combobox', { name: 'Stream to search' }).fill('payments');
    await form.getByRole('textbox', { name: 'Expression (CEL)' }).fill('data.status == ');
    await expect(form.getByRole('alert')).toContainText('The expression does not compile');
    await expect(form.getByRole('button', { name: 'Search', exact: true })).toBeDisabled();

    await form.getByRole('textbox', { name: 'Expression (CEL)' }).fill('data.status == "FAILED" && data.total.amount > 100.0');
    await expect(form.getByRole('alert')).toHaveCount(0);
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    // n = 12, 16, …, 56 are FAILED with an amount over 100: 12 records.
    await expect(page.getByRole('status', { name: 'matched: 12' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('status', { name: 'scanned: 60' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'state: done' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Records' })).toHaveAttribute('aria-rowcount', '13');
    await page.getByRole('table', { name: 'Records' }).getByRole('row').nth(1).click();
    await expect(page.getByRole('region', { name: 'Record inspector' })).toContainText('FAILED');
    // The expression is kept for this stream, shown when the folded form is opened again.
    await page.getByRole('group', { name: 'Current search' }).getByRole('button', { name: 'Change search' }).click();
    await expect(form.getByRole('group', { name: 'Recent expressions' }).or(form.getByLabel('Recent expressions'))).toContainText(
      'data.status == "FAILED"',
    );
  } finally {
    await cli.stop();
    client.destroy();
    await server.stop();
  }
});
