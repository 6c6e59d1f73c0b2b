import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqsClient } from '../../main/aws/clients';
import { ReadOnlyConnectionError } from '../../main/aws/read-only';
import { startLocalSqs, type LocalSqs } from '../support/local-sqs';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

describe('the loopback SQS stand-in, through @aws-sdk/client-sqs', () => {
  let sqs: LocalSqs;
  let client: SQSClient;

  beforeAll(async () => {
    sqs = await startLocalSqs();
    client = await createSqsClient({ region: 'us-east-1', credentials, queueUrl: sqs.queueUrl('any') });
  });
  afterAll(async () => {
    client?.destroy();
    await sqs?.close();
  });

  it('hides a received message for its visibility timeout, shows it again when handed back, deletes it by its handle', async () => {
    const queue = sqs.queueUrl('visibility');
    sqs.send(queue, '{"n":1}');
    const first = await client.send(new ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
    expect(first.Messages?.map((m) => m.Body)).toEqual(['{"n":1}']);
    expect(sqs.calls.at(-1)).toMatchObject({ operation: 'ReceiveMessage', body: { VisibilityTimeout: 60 } });
    const hidden = await client.send(new ReceiveMessageCommand({ QueueUrl: queue, VisibilityTimeout: 60 }));
    expect(hidden.Messages ?? []).toEqual([]);
    await client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queue, ReceiptHandle: first.Messages![0]!.ReceiptHandle!, VisibilityTimeout: 0 }),
    );
    const again = await client.send(new ReceiveMessageCommand({ QueueUrl: queue, VisibilityTimeout: 60 }));
    expect(again.Messages?.map((m) => m.Body)).toEqual(['{"n":1}']);
    // The first receipt is spent: only the latest deletes.
    await expect(
      client.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: first.Messages![0]!.ReceiptHandle! })),
    ).rejects.toThrow(/receipt handle/);
    await client.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: again.Messages![0]!.ReceiptHandle! }));
    expect(sqs.messages(queue)).toEqual([]);
  });

  it('a read-only connection receives and hands back notices, but never deletes one', async () => {
    const queue = sqs.queueUrl('read-only');
    sqs.send(queue, '{"n":2}');
    const guarded = await createSqsClient({
      region: 'us-east-1',
      credentials,
      queueUrl: queue,
      readOnly: { connection: 'prod', now: () => true },
    });
    try {
      const received = await guarded.send(new ReceiveMessageCommand({ QueueUrl: queue, VisibilityTimeout: 60 }));
      const handle = received.Messages![0]!.ReceiptHandle!;
      await guarded.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue, ReceiptHandle: handle, VisibilityTimeout: 0 }));
      const before = sqs.calls.length;
      await expect(guarded.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: handle }))).rejects.toBeInstanceOf(
        ReadOnlyConnectionError,
      );
      expect(sqs.calls.length).toBe(before);
      expect(sqs.messages(queue)).toHaveLength(1);
    } finally {
      guarded.destroy();
    }
  });
});
