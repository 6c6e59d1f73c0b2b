import { PutRecordCommand, SplitShardCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecords } from '../../main/domain/redrive/find-records';
import { parseNotices } from '../../main/domain/redrive/notices';
import { invocationRecord } from '../support/invocation-records';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

// kinesalite stamps a split's children a second ahead (their create time is the split plus
// 1,000 ms), so records written to a child just after a split arrive "in the future" by this
// machine's clock, as records do from a server whose clock runs ahead. A redrive names its records
// by sequence number: none of them may be cut off as arriving after the read reached the shard.
describe('a redrive range whose records arrive ahead of this clock', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('finds every record of the range', async () => {
    const stream = uniqueName('ahead');
    await createStream(client, stream, 1);
    await client.send(
      new SplitShardCommand({ StreamName: stream, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (2n ** 127n).toString() }),
    );
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: stream });
    const put = [];
    // A hash key in the lower half: the first child, shardId-000000000001.
    for (let n = 0; n < 3; n++)
      put.push(
        await client.send(
          new PutRecordCommand({ StreamName: stream, PartitionKey: `k${n}`, ExplicitHashKey: '1', Data: Buffer.from(`{"n":${n}}`) }),
        ),
      );
    expect(new Set(put.map((p) => p.ShardId))).toEqual(new Set(['shardId-000000000001']));
    const notice = invocationRecord({
      stream,
      shardId: 'shardId-000000000001',
      start: put[0]!.SequenceNumber!,
      end: put[2]!.SequenceNumber!,
      batchSize: 3,
      firstArrival: new Date(),
    });
    const { notices } = parseNotices(JSON.stringify([notice]), 'failures.json', 100);
    const taken: string[] = [];
    const found = await findRecords({
      reading: () => ({ client: arrangeClient(server) }),
      notices,
      take: (record) => void taken.push(record.sequenceNumber),
    });
    expect(taken).toEqual(put.map((p) => p.SequenceNumber));
    expect(found.outcomes).toMatchObject([{ found: 3, expired: 0 }]);
  });
});
