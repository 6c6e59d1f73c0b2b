// Search in the UI: matches (10,000 at full size) streaming into the Search page in Chromium, frame times measured
// from the moment the search starts until the last match is shown.
import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../main/aws/clients';
import { mapWithConcurrency } from '../main/domain/engine/kinesis/concurrency';
import { startLocalKinesis } from '../main/domain/sandbox/kinesalite-server';
import { recordFrames, withAppInBrowser } from './harness';
import { fillSearch, searchMatched } from '../test/support/ui-driver';
import { lower, neutral, spread, type BenchOutput } from './figures';

export interface SearchUiSize {
  /** A multiple of 250: twice as many records are written, every other one a match. */
  matches: number;
}

export const searchUiFigures = ['last-match.seconds', 'frame.p50', 'frame.p95', 'frame.max', 'frames', 'frames-over-20ms'];

export async function searchUiBench({ matches: MATCHES }: SearchUiSize): Promise<BenchOutput> {
  const kinesis = await startLocalKinesis();
  const client = createKinesisClient({
    region: 'us-east-1',
    endpoint: kinesis.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  await client.send(new CreateStreamCommand({ StreamName: 'searched', ShardCount: 4 }));
  await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: 'searched' });
  // Every other record matches: twice as many scanned as matched.
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
        const search = await fillSearch(page, {
          stream: 'searched',
          from: 'TRIM_HORIZON',
          mostMatches: MATCHES,
          expression: 'data.status == "FAILED"',
        });
        await page.waitForTimeout(400);
        const frames = await recordFrames(page);
        const started = Date.now();
        await search.click();
        await searchMatched(page, MATCHES).waitFor({ timeout: 120_000 });
        const seconds = (Date.now() - started) / 1000;
        const times = await frames();
        return {
          title: `search UI: ${MATCHES.toLocaleString('en-US')} matches streaming into the Search page (Chromium)`,
          figures: [
            lower('last-match.seconds', 'time to the last match', seconds, 's'),
            ...spread('frame', 'frame time', times, 'ms'),
            neutral('frames', 'frames drawn', times.length, 'frames'),
            lower('frames-over-20ms', 'frames over 20 ms', times.filter((f) => f > 20).length, 'frames'),
          ],
        };
      },
    );
  } finally {
    await kinesis.close();
  }
}
