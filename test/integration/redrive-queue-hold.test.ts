import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqsClient } from '../../main/aws/clients';
import { QueueHolds, receiveNotices } from '../../main/domain/redrive/notice-queue';
import { invocationRecord } from '../support/invocation-records';
import { startLocalSqs, type LocalSqs } from '../support/local-sqs';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const notice = () =>
  JSON.stringify(invocationRecord({ stream: 'orders', shardId: 'shardId-000000000000', start: '1', end: '9', batchSize: 3 }));

/**
 * A put-back of many records can outlast one visibility timeout: the messages held for it are
 * renewed while it runs, so no other reader gets them meanwhile, and never past what SQS allows.
 */
describe('held failure notices stay hidden while their redrive works (SQS stand-in)', () => {
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

  it('renews the held messages before they lapse, stops renewing once settled, and hands them back', async () => {
    const queue = sqs.queueUrl('renewed');
    sqs.send(queue, notice());
    sqs.send(queue, notice());
    const holds = new QueueHolds({ holdSeconds: 30, renewEverySeconds: 0.05, maxHoldSeconds: 3_600 });
    const received = await receiveNotices(client, queue, 10, holds.timing.holdSeconds);
    expect(received.messages).toHaveLength(2);
    const firstHidden = sqs.messages(queue).map((m) => m.visibleAt);
    const hold = holds.add(await createSqsClient({ region: 'us-east-1', credentials, queueUrl: queue }), queue, received.messages);

    // Each message is hidden again, for a fresh hold, by the hold's own renewals.
    await expect.poll(() => sqs.messages(queue).every((m, i) => m.visibleAt > firstHidden[i]!), { timeout: 5_000 }).toBe(true);
    const renewals = sqs.calls.filter((c) => c.operation === 'ChangeMessageVisibility' && c.body.QueueUrl === queue);
    expect(renewals.length).toBeGreaterThanOrEqual(2);
    expect(renewals.every((c) => c.body.VisibilityTimeout === 30)).toBe(true);

    const settled = await holds.settle(hold.hold, false);
    expect(settled).toMatchObject({ deleted: 0, handedBack: 2 });
    const after = sqs.calls.length;
    // Handed back and no renewal after: both are visible now and stay so.
    expect(sqs.messages(queue).every((m) => m.visibleAt <= Date.now())).toBe(true);
    // Nothing to await for an absence: four renewal periods pass, and none may come.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sqs.calls.slice(after).filter((c) => c.operation === 'ChangeMessageVisibility')).toEqual([]);
    expect(sqs.messages(queue).every((m) => m.visibleAt <= Date.now())).toBe(true);
  });

  it('never hides a message past the longest hold', async () => {
    const queue = sqs.queueUrl('capped');
    sqs.send(queue, notice());
    const holds = new QueueHolds({ holdSeconds: 600, renewEverySeconds: 0.05, maxHoldSeconds: 2 });
    const received = await receiveNotices(client, queue, 10, holds.timing.holdSeconds);
    const hold = holds.add(await createSqsClient({ region: 'us-east-1', credentials, queueUrl: queue }), queue, received.messages);
    const renewals = () => sqs.calls.filter((c) => c.operation === 'ChangeMessageVisibility' && c.body.QueueUrl === queue);
    await expect.poll(() => renewals().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const asked = renewals().map((c) => Number(c.body.VisibilityTimeout));
    expect(Math.max(...asked)).toBeLessThanOrEqual(2);
    // Hidden from its receipt for 600 s, it is now due back within the longest hold.
    expect(sqs.messages(queue)[0]!.visibleAt).toBeLessThanOrEqual(Date.now() + 2_000);
    await holds.settle(hold.hold, false);
  });
});
