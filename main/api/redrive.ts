import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { QueueHold, RedrivePlan } from '../../shared/contract/redrive';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { Masking } from '../domain/connections/masking-source';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SchemaSource } from '../domain/connections/schema-source';
import { createSqsClientFor } from '../domain/connections/sqs-client';
import { RecordMasker } from '../domain/engine/mask/masker';
import type { ParsedNotices } from '../domain/redrive/notices';
import { QueueHolds, queueUrlOf, receiveNotices } from '../domain/redrive/notice-queue';
import { copyOfPlan, exportOfPlan, findFailedRecords } from '../domain/redrive/redrive-plan';

type Noticed<T> = (read: ParsedNotices | undefined) => Promise<T>;

export function redriveHandlers(
  connections: ConnectionManager,
  reading: ReaderSource,
  masking: Masking,
  schemaSource: SchemaSource,
): Pick<Handlers, 'redrive:find' | 'redrive:planCopy' | 'redrive:planExport' | 'redrive:settleQueue'> {
  const holds = new QueueHolds();
  /**
   * Runs `plan` over the notices of a file or folder, or of a queue's messages, which are then
   * held until the caller settles them; a plan that fails hands them back at once.
   */
  async function withNotices<T>(
    from: string,
    max: number,
    owner: SessionOwner,
    plan: Noticed<T>,
  ): Promise<T & { queue: QueueHold | null }> {
    const queueUrl = queueUrlOf(from);
    if (!queueUrl) return { ...(await plan(undefined)), queue: null };
    const client = await createSqsClientFor(connections.target(owner), queueUrl);
    let received: Awaited<ReturnType<typeof receiveNotices>>;
    try {
      received = await receiveNotices(client, queueUrl, max);
    } catch (error) {
      client.destroy();
      throw error;
    }
    const queue = holds.add(client, queueUrl, received.messages);
    try {
      return { ...(await plan(received.parsed)), queue };
    } catch (error) {
      await holds.settle(queue.hold, false).catch(() => undefined);
      throw error;
    }
  }
  return {
    'redrive:find': async ({ masking: file, maxMessages, ...input }, owner) =>
      withNotices(input.from, maxMessages, owner, (read) =>
        findFailedRecords({
          ...input,
          read,
          // Decoded as every reader decodes (KPL, inflation, the stream's schemas), then masked.
          reading: async (stream) => ({ ...reading(owner, stream), schemas: await schemaSource(owner, stream) }),
          masker: async (stream) => (await masking.forRead(owner, stream, file, 'view')).masker,
        }),
      ),
    // The copy is estimated, confirmed with its plan token and started (audited) as every copy is.
    'redrive:planCopy': async ({ from, maxMessages, target, targetProfile, keys }, owner) =>
      withNotices(from, maxMessages, owner, async (read) => {
        const plan = await countFailedRecords(from, read, reading, owner);
        return { plan, spec: copyOfPlan(plan, { target, targetProfile, keys }) };
      }),
    // The run is started with runs:start, which masks it as every run is (its rules kept in run.json).
    'redrive:planExport': async ({ from, maxMessages, run }, owner) =>
      withNotices(from, maxMessages, owner, async (read) => {
        const plan = await countFailedRecords(from, read, reading, owner);
        return { plan, spec: exportOfPlan(plan, run) };
      }),
    'redrive:settleQueue': async ({ hold, done }) => holds.settle(hold, done),
  };
}

/** The plan alone: what a job over the notices' ranges will find, counted. */
async function countFailedRecords(
  from: string,
  read: ParsedNotices | undefined,
  reading: ReaderSource,
  owner: SessionOwner,
): Promise<RedrivePlan> {
  const { plan } = await findFailedRecords({
    from,
    read,
    wholeRecords: false,
    countOnly: true,
    reading: (stream) => reading(owner, stream),
    // Nothing found is shown here: no masker, no keychain.
    masker: async () => new RecordMasker([], null),
  });
  return plan;
}
