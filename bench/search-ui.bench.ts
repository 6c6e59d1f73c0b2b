// Search in the UI: 10,000 matches streaming into the Search page in Chromium, frame times measured
// from the moment the search starts until the last match is shown.
import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../main/aws/clients';
import { mapWithConcurrency } from '../main/domain/kinesis/concurrency';
import { startLocalKinesis } from '../main/domain/sandbox/kinesalite-server';
import { recordFrames, withAppInBrowser } from './harness';
import { percentile, printResults } from './report';

const MATCHES = 10_000;

export async function searchUiBench() {
  const kinesis = await startLocalKinesis();
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint: kinesis.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  await client.send(new CreateStreamCommand({ StreamName: 'searched', ShardCount: 4 }));
  await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: 'searched' });
  // Every other record matches: 20,000 scanned for 10,000 matches.
  await mapWithConcurrency(
    Array.from({ length: (2 * MATCHES) / 500 }, (_, b) => b),
    4,
    (b) =>
      client.send(
        new PutRecordsCommand({
          StreamName: 'searched',
          Records: Array.from({ length: 500 }, (_, i) => ({
            PartitionKey: `k${b}-${i}`,
            Data: Buffer.from(JSON.stringify({ n: b * 500 + i, status: i % 2 ? 'PAID' : 'FAILED', amount: i * 1.5 })),
          })),
        }),
      ),
  );
  client.destroy();
  try {
    return await withAppInBrowser(
      { kind: 'endpoint', endpoint: kinesis.endpoint, region: 'us-east-1' },
      { width: 1400, height: 900 },
      async (_app, page) => {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click();
        const form = page.getByRole('form', { name: 'Search a window' });
        await form.getByRole('combobox', { name: 'Stream to search' }).fill('searched');
        await form.getByRole('combobox', { name: 'Window start' }).selectOption('TRIM_HORIZON');
        await form.getByRole('spinbutton', { name: 'Most matches' }).fill(String(MATCHES));
        await form.getByRole('textbox', { name: 'Expression (CEL)' }).fill('data.status == "FAILED"');
        await page.waitForTimeout(400);
        const frames = await recordFrames(page);
        const started = Date.now();
        await form.getByRole('button', { name: 'Search', exact: true }).click();
        await page.getByRole('status', { name: `matched: ${MATCHES.toLocaleString()}` }).waitFor({ timeout: 120_000 });
        const seconds = (Date.now() - started) / 1000;
        const times = await frames();
        return printResults(`search UI: ${MATCHES.toLocaleString('en-US')} matches streaming into the Search page (Chromium)`, [
          ['time to the last match', `${seconds.toFixed(1)} s`],
          [
            'frame time p50 / p95 / max',
            `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} / ${Math.max(...times).toFixed(1)} ms (${times.length} frames)`,
          ],
          ['frames over 20 ms', `${times.filter((f) => f > 20).length}`],
        ]);
      },
    );
  } finally {
    await kinesis.close();
  }
}
