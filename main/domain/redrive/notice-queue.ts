import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { ReadOnlyConnectionError } from '../../aws/read-only';
import { loadSdk } from '../../aws/clients';
import { AppError } from '../../core/app-error';
import type { QueueHold, RedriveSettleQueueOutput } from '../../../shared/contract/redrive';
import { MAX_NOTICES } from './notice-files';
import { parseNotices, type ParsedNotices } from './notices';

const SCHEME = 'sqs://';
/**
 * How long a received message stays hidden from every other reader: long enough for a copy or an
 * export of a few failed batches and its confirmation. Settling hands messages back at once; only
 * a crashed redrive leaves them hidden this long.
 */
export const HOLD_SECONDS = 3_600;
/** SQS answers at most ten messages a call. */
const PER_CALL = 10;

/** The queue URL of `sqs://QUEUE_URL`, or null when `from` names a file or folder. */
export function queueUrlOf(from: string): string | null {
  if (!from.startsWith(SCHEME)) return null;
  const rest = from.slice(SCHEME.length);
  let url: URL | null;
  try {
    url = new URL(rest);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname.split('/').filter(Boolean).length !== 2)
    throw new AppError(
      'invalid-input',
      `${from} is not a queue: after sqs:// comes the queue's URL, such as https://sqs.us-east-1.amazonaws.com/123456789012/failures.`,
    );
  return url.href.replace(/\/$/, '');
}

interface HeldMessage {
  messageId: string;
  receiptHandle: string;
  /** Its body was invocation records, all of them read: deleted once their records are dealt with. */
  readable: boolean;
}

/**
 * Receives up to `max` messages (short polling: an empty answer ends it), each hidden for
 * HOLD_SECONDS. A body is read as a notice file is; one with any bad notice gives none of its
 * notices and is reported by its message id, so it is never deleted for records half handled.
 */
export async function receiveNotices(
  client: SQSClient,
  queueUrl: string,
  max: number,
): Promise<{ parsed: ParsedNotices; messages: HeldMessage[] }> {
  const { ReceiveMessageCommand } = await loadSdk(() => import('@aws-sdk/client-sqs'));
  const parsed: ParsedNotices = { notices: [], problems: [] };
  const byId = new Map<string, HeldMessage>();
  while (byId.size < max) {
    const answer = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(PER_CALL, max - byId.size),
        VisibilityTimeout: HOLD_SECONDS,
        WaitTimeSeconds: 0,
      }),
    );
    const messages = answer.Messages ?? [];
    if (messages.length === 0) break;
    for (const message of messages) {
      if (!message.MessageId || !message.ReceiptHandle) continue;
      const known = byId.get(message.MessageId);
      // A standard queue may deliver a message twice: its notices count once, its latest receipt deletes it.
      if (known) {
        known.receiptHandle = message.ReceiptHandle;
        continue;
      }
      const source = `message ${message.MessageId}`;
      const body = parseNotices(message.Body ?? '', source, MAX_NOTICES - parsed.notices.length);
      const readable = body.problems.length === 0 && body.notices.length > 0;
      if (readable) parsed.notices.push(...body.notices);
      else parsed.problems.push(...body.problems.map((p) => ({ ...p, reason: `${p.reason}; left in the queue` })));
      byId.set(message.MessageId, { messageId: message.MessageId, receiptHandle: message.ReceiptHandle, readable });
    }
  }
  if (byId.size === 0)
    parsed.problems.push({ source: queueUrl, reason: 'no messages could be received: the queue is empty or all are in flight' });
  return { parsed, messages: [...byId.values()] };
}

interface Hold {
  client: SQSClient;
  queueUrl: string;
  messages: HeldMessage[];
  expiry: NodeJS.Timeout;
}

/** The queue messages each redrive holds between reading its notices and dealing with their records. */
export class QueueHolds {
  private readonly holds = new Map<string, Hold>();

  add(client: SQSClient, queueUrl: string, messages: HeldMessage[]): QueueHold {
    const hold = randomUUID();
    // Past its visibility the messages are anyone's again: a redrive that never settles lets go of its client.
    const expiry = setTimeout(() => this.drop(hold), HOLD_SECONDS * 1000).unref();
    this.holds.set(hold, { client, queueUrl, messages, expiry });
    return { hold, queueUrl, received: messages.length, unreadable: messages.filter((m) => !m.readable).length };
  }

  /** Deletes the read messages when `done`, and hands every other back to the queue at once. */
  async settle(hold: string, done: boolean): Promise<RedriveSettleQueueOutput> {
    const held = this.holds.get(hold);
    if (!held)
      throw new AppError('not-found', 'That redrive holds no queue messages any more: they were settled or their visibility ran out.');
    this.drop(hold);
    const { DeleteMessageCommand, ChangeMessageVisibilityCommand } = await loadSdk(() => import('@aws-sdk/client-sqs'));
    const out: RedriveSettleQueueOutput = { queueUrl: held.queueUrl, deleted: 0, handedBack: 0, refused: null };
    const handBack: HeldMessage[] = [];
    try {
      for (const message of held.messages) {
        if (!done || !message.readable || out.refused) {
          handBack.push(message);
          continue;
        }
        try {
          await held.client.send(new DeleteMessageCommand({ QueueUrl: held.queueUrl, ReceiptHandle: message.receiptHandle }));
          out.deleted++;
        } catch (error) {
          if (!(error instanceof ReadOnlyConnectionError)) throw error;
          out.refused = error.message;
          handBack.push(message);
        }
      }
      for (const message of handBack) {
        await held.client.send(
          new ChangeMessageVisibilityCommand({ QueueUrl: held.queueUrl, ReceiptHandle: message.receiptHandle, VisibilityTimeout: 0 }),
        );
        out.handedBack++;
      }
      return out;
    } finally {
      held.client.destroy();
    }
  }

  private drop(hold: string): void {
    const held = this.holds.get(hold);
    if (!held) return;
    clearTimeout(held.expiry);
    this.holds.delete(hold);
  }
}
