import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { NoticeTexts, QueueHold, RedrivePlan } from '../../shared/contract/redrive';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { Masking } from '../domain/connections/masking-source';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SchemaSource } from '../domain/connections/schema-source';
import { AppError } from '../core/app-error';
import type { DecodedRecord } from '../domain/engine/decode/record';
import { compileMapping, type RecordMapping } from '../domain/engine/decode/record-mapping';
import { mappedRecord } from '../domain/writes/copy/copy-rules';
import { createSqsClientFor } from '../domain/connections/sqs-client';
import { RecordMasker } from '../domain/engine/mask/masker';
import type { ParsedNotices } from '../domain/redrive/notices';
import { parseNoticeTexts, textsLabel } from '../domain/redrive/notice-texts';
import { QueueHolds, queueUrlOf, receiveNotices } from '../domain/redrive/notice-queue';
import { copyOfPlan, exportOfPlan, findFailedRecords, jobOfPlan, type PlannedJob } from '../domain/redrive/redrive-plan';
import { jobNoticePlace, noticesAt } from './redrive-notices';

/**
 * Runs over notices already read: `label` names them in a plan; `place` is where a job reads them
 * again for their payloads (a file, folder or prefix), null when they cannot be read again (picked
 * files' text, a queue's messages, which carry no payloads).
 */
type Noticed<T> = (read: ParsedNotices, label: string, place: string | null) => Promise<T>;

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
    if (texts) return { ...(await plan(parseNoticeTexts(texts), textsLabel(texts), null)), queue: null };
    const queueUrl = queueUrlOf(from);
    if (!queueUrl) return { ...(await plan(await noticesAt(connections, owner, from), from, jobNoticePlace(from))), queue: null };
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
      return { ...(await plan(received.parsed, from, null)), queue };
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
      withNotices({ from, texts }, maxMessages, owner, async (read, label, place) => {
        const check = map ? mapCheck(compileMapping(map)) : undefined;
        const { plan, job } = await planJob({ label, place }, read, reading, owner, 'put back', check);
        return { plan, spec: copyOfPlan(job, { target, targetProfile, keys, map }) };
      }),
    // The run is started with runs:start, which masks it as every run is (its rules kept in run.json).
    'redrive:planExport': async ({ from, texts, maxMessages, run }, owner) =>
      withNotices({ from, texts }, maxMessages, owner, async (read, label, place) => {
        const { plan, job } = await planJob({ label, place }, read, reading, owner, 'export');
        return { plan, spec: exportOfPlan(job, run) };
      }),
    'redrive:settleQueue': async ({ hold, done }) => holds.settle(hold, done),
  };
}

/** The plan alone (what a job over the notices will find, counted), and the job's stream, ranges and payloads. */
async function planJob(
  { label, place }: { label: string; place: string | null },
  read: ParsedNotices,
  reading: ReaderSource,
  owner: SessionOwner,
  what: string,
  check?: (record: DecodedRecord) => Promise<void>,
): Promise<{ plan: RedrivePlan; job: PlannedJob }> {
  let payloadOnly: ReadonlySet<number> = new Set();
  const { plan } = await findFailedRecords({
    from: label,
    read,
    wholeRecords: false,
    countOnly: true,
    check,
    reading: (stream) => reading(owner, stream),
    // Nothing found is shown here: no masker, no keychain.
    masker: async () => new RecordMasker([], null),
    payloadOnly: (indexes) => (payloadOnly = indexes),
  });
  // A queue's messages carry no payloads, and picked files' text cannot be read again; a file, folder or prefix can.
  const again = place ? { from: place, read, payloadOnly } : undefined;
  return { plan, job: jobOfPlan(plan, what, again) };
}

/** Refuses the plan at the first record the map fails on, whether the stream or a payload holds it. */
function mapCheck(mapping: RecordMapping): (record: DecodedRecord) => Promise<void> {
  return async (record) => {
    const mapped = await mappedRecord(record, mapping);
    if ('problem' in mapped) throw new AppError('invalid-input', `${mapped.problem} Nothing was written.`);
  };
}
