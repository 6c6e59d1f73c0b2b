import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { NoticeTexts, QueueHold, RedrivePlan } from '../../shared/contract/redrive';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { Masking } from '../domain/connections/masking-source';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SchemaSource } from '../domain/connections/schema-source';
import { AppError } from '../core/app-error';
import { createS3ClientFor } from '../domain/connections/s3-client';
import type { DecodedRecord } from '../domain/engine/decode/record';
import { compileMapping, type RecordMapping } from '../domain/engine/decode/record-mapping';
import { mappedRecord } from '../domain/writes/copy/copy-rules';
import { createSqsClientFor } from '../domain/connections/sqs-client';
import { ObjectStore } from '../domain/engine/objects/object-store';
import { noticePrefixOf, readObjectNotices } from '../domain/redrive/notice-objects';
import { RecordMasker } from '../domain/engine/mask/masker';
import type { ParsedNotices } from '../domain/redrive/notices';
import { parseNoticeTexts, textsLabel } from '../domain/redrive/notice-texts';
import { QueueHolds, queueUrlOf, receiveNotices } from '../domain/redrive/notice-queue';
import { copyOfPlan, exportOfPlan, findFailedRecords } from '../domain/redrive/redrive-plan';

/** Notices already read (picked files' text, a queue's messages), or undefined to read them from `from`. */
type Noticed<T> = (read: ParsedNotices | undefined, from: string) => Promise<T>;

/** Where a call's notices are: the contract lets exactly one of the two through. */
interface NoticeSource {
  from?: string;
  texts?: NoticeTexts;
}

export function redriveHandlers(
  connections: ConnectionManager,
  reading: ReaderSource,
  masking: Masking,
  schemaSource: SchemaSource,
): Pick<Handlers, 'redrive:find' | 'redrive:planCopy' | 'redrive:planExport' | 'redrive:settleQueue'> {
  const holds = new QueueHolds();
  /**
   * Runs `plan` over the notices of a file or folder, of the objects under an S3 prefix (read
   * whole first: they carry the payloads), or of a queue's messages, which are then
   * held until the caller settles them; a plan that fails hands them back at once.
   */
  async function withNotices<T>(
    { from = '', texts }: NoticeSource,
    max: number,
    owner: SessionOwner,
    plan: Noticed<T>,
  ): Promise<T & { queue: QueueHold | null }> {
    if (texts) return { ...(await plan(parseNoticeTexts(texts), textsLabel(texts))), queue: null };
    const prefix = noticePrefixOf(from);
    if (prefix) {
      const s3 = await createS3ClientFor(connections.target(owner));
      const read = await readObjectNotices(new ObjectStore(s3, prefix)).finally(() => s3.destroy());
      return { ...(await plan(read, from)), queue: null };
    }
    const queueUrl = queueUrlOf(from);
    if (!queueUrl) return { ...(await plan(undefined, from)), queue: null };
    const client = await createSqsClientFor(connections.target(owner), queueUrl);
    let received: Awaited<ReturnType<typeof receiveNotices>>;
    try {
      received = await receiveNotices(client, queueUrl, max, holds.timing.holdSeconds);
    } catch (error) {
      client.destroy();
      throw error;
    }
    const queue = holds.add(client, queueUrl, received.messages);
    try {
      return { ...(await plan(received.parsed, from)), queue };
    } catch (error) {
      await holds.settle(queue.hold, false).catch(() => undefined);
      throw error;
    }
  }
  return {
    'redrive:find': async ({ masking: file, maxMessages, from, texts, wholeRecords }, owner) =>
      withNotices({ from, texts }, maxMessages, owner, (read, label) =>
        findFailedRecords({
          from: label,
          wholeRecords,
          read,
          // Decoded as every reader decodes (KPL, inflation, the stream's schemas), then masked.
          reading: async (stream) => ({ ...reading(owner, stream), schemas: await schemaSource(owner, stream) }),
          masker: async (stream) => (await masking.forRead(owner, stream, file, 'view')).masker,
        }),
      ),
    // The copy is estimated, confirmed with its plan token and started (audited) as every copy is.
    // A map is tried on every record before the plan is given: one it fails on is named, and nothing is written.
    'redrive:planCopy': async ({ from, texts, maxMessages, target, targetProfile, keys, map }, owner) =>
      withNotices({ from, texts }, maxMessages, owner, async (read, label) => {
        const plan = await countFailedRecords(label, read, reading, owner, map ? mapCheck(compileMapping(map)) : undefined);
        return { plan, spec: copyOfPlan(plan, { target, targetProfile, keys, map }) };
      }),
    // The run is started with runs:start, which masks it as every run is (its rules kept in run.json).
    'redrive:planExport': async ({ from, texts, maxMessages, run }, owner) =>
      withNotices({ from, texts }, maxMessages, owner, async (read, label) => {
        const plan = await countFailedRecords(label, read, reading, owner);
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
  check?: (record: DecodedRecord, fromPayload: boolean) => Promise<void>,
): Promise<RedrivePlan> {
  const { plan } = await findFailedRecords({
    from,
    read,
    wholeRecords: false,
    countOnly: true,
    check,
    reading: (stream) => reading(owner, stream),
    // Nothing found is shown here: no masker, no keychain.
    masker: async () => new RecordMasker([], null),
  });
  return plan;
}

/** Refuses the plan at the first record of the stream the map fails on (payload records are not put back). */
function mapCheck(mapping: RecordMapping): (record: DecodedRecord, fromPayload: boolean) => Promise<void> {
  return async (record, fromPayload) => {
    if (fromPayload) return;
    const mapped = await mappedRecord(record, mapping);
    if ('problem' in mapped) throw new AppError('invalid-input', `${mapped.problem} Nothing was written.`);
  };
}
