import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { z } from 'zod';
import type { RedriveNotice } from '../../../shared/contract/redrive';

/**
 * One record of the event Lambda gave the function, as an S3 on-failure destination keeps it in
 * the invocation record's `payload` (the Kinesis event: Records[].kinesis, data in base64). Only
 * what puts the record back byte for byte is read; the rest is let be.
 */
const eventRecordSchema = z.looseObject({
  eventID: z.string().max(512).optional(),
  kinesis: z.looseObject({
    partitionKey: z.string().min(1).max(256),
    sequenceNumber: z.string().regex(/^\d{1,128}$/),
    data: z.base64(),
    approximateArrivalTimestamp: z.number().nonnegative(),
  }),
});
const payloadSchema = z.looseObject({ Records: z.array(z.unknown()).max(10_000) });

/**
 * The batch's records out of a notice's payload, as Kinesis would give them, in sequence order:
 * only those of its shard inside its range, each once. Null when there is no payload, or it is not
 * a Kinesis event (the reason), so a bad payload never stands in for records it does not hold.
 */
export function payloadRecords(notice: RedriveNotice, payload: unknown): { records: KinesisRecord[] } | { problem: string } | null {
  if (payload === undefined || payload === null) return null;
  const event = payloadSchema.safeParse(payload);
  if (!event.success) return { problem: 'its payload is not a Kinesis event (no Records)' };
  const [start, end] = [BigInt(notice.start), BigInt(notice.end)];
  const bySequence = new Map<string, KinesisRecord>();
  for (const [index, item] of event.data.Records.entries()) {
    const parsed = eventRecordSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { problem: `its payload's record ${index} is not a Kinesis record (${issue.path.join('.')}: ${issue.message})` };
    }
    const { kinesis, eventID } = parsed.data;
    // eventID is "shardId-…:sequenceNumber": a record of another shard is not this batch's.
    const shard = eventID?.slice(0, eventID.lastIndexOf(':'));
    const sequence = BigInt(kinesis.sequenceNumber);
    if ((shard && shard !== notice.shardId) || sequence < start || sequence > end) continue;
    bySequence.set(kinesis.sequenceNumber, {
      SequenceNumber: kinesis.sequenceNumber,
      PartitionKey: kinesis.partitionKey,
      Data: Buffer.from(kinesis.data, 'base64'),
      ApproximateArrivalTimestamp: new Date(Math.round(kinesis.approximateArrivalTimestamp * 1_000)),
    });
  }
  const records = [...bySequence.values()].sort((a, b) => compare(a.SequenceNumber!, b.SequenceNumber!));
  return { records };
}

function compare(a: string, b: string): number {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
