import { PutRecordsCommand, type KinesisClient, type _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../../main/aws/clients';
import { ReadSession } from '../../main/domain/engine/reader/read-session';
import type { StartPosition } from '../../shared/contract';
import { TEST_CREDENTIALS } from './local-kinesis';

export interface Collected {
  session: ReadSession;
  /** Data of every record read, per shard, in the order read. */
  byShard: Map<string, string[]>;
  all: { shardId: string; data: string; sequenceNumber: string }[];
  until(condition: () => boolean, timeoutMs?: number): Promise<void>;
}

/** A read session with a client that does not retry (the engine must handle faults itself). */
export async function collect(
  endpoint: string,
  stream: string,
  position: StartPosition,
  shardIds?: string[],
  onStopped?: (reason: string) => void,
): Promise<Collected> {
  const client = createKinesisClient({ region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  const byShard = new Map<string, string[]>();
  const all: Collected['all'] = [];
  const session = new ReadSession({
    client,
    stream,
    position,
    shardIds,
    onStopped,
    onRecords: (shardId, records: KinesisRecord[]) => {
      for (const r of records) {
        const data = Buffer.from(r.Data!).toString();
        byShard.set(shardId, [...(byShard.get(shardId) ?? []), data]);
        all.push({ shardId, data, sequenceNumber: r.SequenceNumber! });
      }
    },
  });
  const stop = session.stop.bind(session);
  session.stop = async () => {
    await stop();
    client.destroy();
  };
  await session.start();
  const until = async (condition: () => boolean, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out; read so far: ${JSON.stringify(Object.fromEntries(byShard))}; shards: ${JSON.stringify(session.shardStatuses())}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { session, byShard, all, until };
}

/** Writes records with known partition keys and data; returns where each landed. */
export async function put(client: KinesisClient, stream: string, items: { key: string; data: string }[]) {
  const result = await client.send(
    new PutRecordsCommand({ StreamName: stream, Records: items.map((i) => ({ PartitionKey: i.key, Data: Buffer.from(i.data) })) }),
  );
  return (result.Records ?? []).map((r, index) => ({ ...items[index]!, shardId: r.ShardId!, sequenceNumber: r.SequenceNumber! }));
}
