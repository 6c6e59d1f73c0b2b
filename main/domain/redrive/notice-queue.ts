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
 * How long a received message stays hidden from every other reader at a time: a redrive that is
 * still at work renews it before it lapses (see QueueHolds), so only a crashed redrive leaves its
 * messages hidden, and for this long at most. Settling hands messages back at once.
 */
export const HOLD_SECONDS = 900;
/** SQS lets a message stay hidden at most 12 hours from when it was received, renewals included. */
export const MAX_HOLD_SECONDS = 12 * 3_600;
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
  holdSeconds = HOLD_SECONDS,
): Promise<{ parsed: ParsedNotices; messages: HeldMessage[] }> {
  const { ReceiveMessageCommand } = await loadSdk(() => import('@aws-sdk/client-sqs'));
  const parsed: ParsedNotices = { notices: [], problems: [] };
  const byId = new Map<string, HeldMessage>();
  while (byId.size < max) {
    const answer = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(PER_CALL, max - byId.size),
        VisibilityTimeout: holdSeconds,
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
  renewal: NodeJS.Timeout;
  until: number;
  /** The renewal under way: a settle waits for it, so a late renewal cannot hide a message handed back. */
  renewing: Promise<void> | null;
}

/** How long messages are hidden at a time, how often a hold renews that, and for how long in all. */
export interface HoldTiming {
  holdSeconds: number;
  renewEverySeconds: number;
  maxHoldSeconds: number;
}

/**
 * The queue messages each redrive holds between reading its notices and dealing with their
 * records. While held they are renewed: a put-back of many records can outlast one visibility
 * timeout, and a message that came back into view would be redriven twice by someone else.
 */
export class QueueHolds {
  private readonly holds = new Map<string, Hold>();

  constructor(
    readonly timing: HoldTiming = { holdSeconds: HOLD_SECONDS, renewEverySeconds: HOLD_SECONDS / 3, maxHoldSeconds: MAX_HOLD_SECONDS },
  ) {}

  add(client: SQSClient, queueUrl: string, messages: HeldMessage[]): QueueHold {
    const hold = randomUUID();
    const until = Date.now() + this.timing.maxHoldSeconds * 1000;
    // Past the longest hold SQS allows the messages are anyone's again: a redrive that never settles lets go of its client.
    const expiry = setTimeout(() => this.drop(hold), this.timing.maxHoldSeconds * 1000).unref();
    const renewal = setInterval(() => {
      const held = this.holds.get(hold);
      if (held && !held.renewing) held.renewing = this.renew(held).finally(() => (held.renewing = null));
    }, this.timing.renewEverySeconds * 1000).unref();
    this.holds.set(hold, { client, queueUrl, messages, expiry, renewal, until, renewing: null });
    return { hold, queueUrl, received: messages.length, unreadable: messages.filter((m) => !m.readable).length };
  }

  /** Hides the held messages for another hold, never past the longest one. A failed renewal is tried again at the next. */
  private async renew(held: Hold): Promise<void> {
    const seconds = Math.min(this.timing.holdSeconds, Math.floor((held.until - Date.now()) / 1000));
    if (seconds <= 0) return;
    const { ChangeMessageVisibilityCommand } = await loadSdk(() => import('@aws-sdk/client-sqs'));
    for (const message of held.messages) {
      // Settled meanwhile: its client is gone, and its messages are deleted or handed back.
      if (![...this.holds.values()].includes(held)) return;
      await held.client
        .send(
          new ChangeMessageVisibilityCommand({ QueueUrl: held.queueUrl, ReceiptHandle: message.receiptHandle, VisibilityTimeout: seconds }),
        )
        .catch(() => undefined);
    }
  }

  /** Deletes the read messages when `done`, and hands every other back to the queue at once. */
  async settle(hold: string, done: boolean): Promise<RedriveSettleQueueOutput> {
    const held = this.holds.get(hold);
    if (!held)
      throw new AppError('not-found', 'That redrive holds no queue messages any more: they were settled or their visibility ran out.');
    this.drop(hold);
    await held.renewing;
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
    clearInterval(held.renewal);
    this.holds.delete(hold);
  }
}
