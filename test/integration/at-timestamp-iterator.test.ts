import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
  type KinesisClient,
  type _Record as KinesisRecord,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

/** An answer, or a failure well before any client timeout: a server that keeps quiet fails here. */
const ANSWER_WITHIN_MS = 5_000;

async function putOne(client: KinesisClient, stream: string, data: string): Promise<void> {
  await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'k', Data: Buffer.from(data) }));
}

async function iteratorAt(client: KinesisClient, stream: string, timestamp: Date): Promise<string> {
  const { ShardIterator } = await client.send(
    new GetShardIteratorCommand({
      StreamName: stream,
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'AT_TIMESTAMP',
      Timestamp: timestamp,
    }),
    { abortSignal: AbortSignal.timeout(ANSWER_WITHIN_MS) },
  );
  expect(ShardIterator).toBeTruthy();
  return ShardIterator!;
}

async function page(client: KinesisClient, iterator: string): Promise<{ records: KinesisRecord[]; next: string }> {
  const answer = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
  return { records: answer.Records ?? [], next: answer.NextShardIterator! };
}

const text = (records: KinesisRecord[]) => records.map((record) => Buffer.from(record.Data!).toString());

/** A time strictly after every arrival so far, and not in the future (which Kinesis refuses). */
async function afterEverything(): Promise<Date> {
  const written = Date.now();
  while (Date.now() <= written) await new Promise((resolve) => setImmediate(resolve));
  return new Date();
}

// The sandbox (kinesalite) once never answered an AT_TIMESTAMP with no record at or after the time:
// a search of the last 15 minutes on a quiet shard waited out the 30 s request timeout. Each case
// runs on kinesis-local too, which answers as Kinesis does, so the two are held to the same answers.
describe.each(kinesisServerKinds)('GetShardIterator AT_TIMESTAMP on %s', (kind) => {
  let server: RunningKinesisServer;
  let client: KinesisClient;

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    client = arrangeClient(server);
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('after every record of the shard: answers at once, and reads exactly what arrives next', async () => {
    const stream = uniqueName('at-ts-after');
    await createStream(client, stream, 1);
    await putOne(client, stream, 'before-1');
    await putOne(client, stream, 'before-2');
    const iterator = await iteratorAt(client, stream, await afterEverything());
    const first = await page(client, iterator);
    expect(first.records).toEqual([]);
    await putOne(client, stream, 'after');
    await expect.poll(async () => text((await page(client, first.next)).records), { timeout: 5_000 }).toEqual(['after']);
  });

  it('on a shard with no record yet: answers at once, and reads the first one written', async () => {
    const stream = uniqueName('at-ts-empty');
    await createStream(client, stream, 1);
    const iterator = await iteratorAt(client, stream, await afterEverything());
    await putOne(client, stream, 'first');
    await expect.poll(async () => text((await page(client, iterator)).records), { timeout: 5_000 }).toEqual(['first']);
  });

  it('before a record: starts at the first record at or after the time', async () => {
    const stream = uniqueName('at-ts-between');
    await createStream(client, stream, 1);
    await putOne(client, stream, 'old');
    const between = await afterEverything();
    await putOne(client, stream, 'new');
    expect(text((await page(client, await iteratorAt(client, stream, between))).records)).toEqual(['new']);
  });
});

// kinesis-local hands out an iterator for a future time; Kinesis and kinesalite refuse it, and the
// sandbox's correction must leave that refusal alone.
describe('GetShardIterator AT_TIMESTAMP in the future on kinesalite', () => {
  it('is refused, as Kinesis refuses it', async () => {
    const server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    try {
      const stream = uniqueName('at-ts-future');
      await createStream(client, stream, 1);
      await expect(iteratorAt(client, stream, new Date(Date.now() + 3_600_000))).rejects.toMatchObject({
        name: 'InvalidArgumentException',
      });
    } finally {
      client.destroy();
      await server.stop();
    }
  });
});
