import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient, withHttp2Client } from '../../main/aws/clients';
import { ReadOnlyConnectionError } from '../../main/aws/read-only';
import { startKinesisServer, TEST_CREDENTIALS, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';

describe('the HTTP/2 client the permission check makes for SubscribeToShard (kinesalite)', () => {
  let server: RunningKinesisServer;
  const stream = uniqueName('h2');

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, stream, 1);
    client.destroy();
  });
  afterAll(async () => server?.stop());

  it('refuses a write on a read-only connection, as the client it was made from does', async () => {
    const readOnly = createKinesisClient({
      region: server.region,
      endpoint: server.endpoint,
      credentials: TEST_CREDENTIALS,
      readOnly: { connection: 'prod', now: () => true },
    });
    const write = new PutRecordCommand({ StreamName: stream, PartitionKey: 'k', Data: Buffer.from('x') });
    const refusal = await withHttp2Client(readOnly, (h2) => h2.send(write)).catch((error: unknown) => error);
    readOnly.destroy();
    expect(refusal).toBeInstanceOf(ReadOnlyConnectionError);
    expect((refusal as Error).message).toMatch(/^"prod" is a read-only connection: Shardscope will not call PutRecord on /);
    const reader = arrangeClient(server);
    expect(await readAllRaw(reader, stream)).toEqual([]);
    reader.destroy();
  });
});
