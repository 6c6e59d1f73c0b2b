import { z } from 'zod';
import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { kinesisBatchInfoSchema, type NoticeProblem, type RedriveNotice } from '../../../shared/contract/redrive';
import { payloadRecords } from './notice-payload';

/**
 * Lambda's invocation record for a failed Kinesis batch (see kinesisBatchInfoSchema for the page
 * it follows). Only KinesisBatchInfo is needed; the rest is read when present and otherwise let be,
 * since Lambda adds fields over time.
 */
const invocationRecordSchema = z.looseObject({
  requestContext: z.looseObject({ functionArn: z.string().max(2_048).optional(), condition: z.string().max(256).optional() }).optional(),
  timestamp: z.string().max(64).optional(),
  KinesisBatchInfo: kinesisBatchInfoSchema,
  /** The S3 destination's copy of the whole invocation (the event Lambda gave the function). */
  payload: z.unknown().optional(),
});

export interface ParsedNotices {
  notices: RedriveNotice[];
  problems: NoticeProblem[];
  /** The batch's records an S3 destination kept with a notice: used for those the stream no longer holds. */
  payloads?: Map<RedriveNotice, KinesisRecord[]>;
}

/** Adds one file's (or object's) notices to those read so far. */
export function addParsed(into: ParsedNotices, parsed: ParsedNotices): void {
  into.notices.push(...parsed.notices);
  into.problems.push(...parsed.problems);
  for (const [notice, records] of parsed.payloads ?? []) (into.payloads ??= new Map()).set(notice, records);
}

/** The stream's name and region, out of its ARN. */
function streamOf(arn: string): { stream: string; region: string } {
  const [, , , region = '', , resource = ''] = arn.split(':');
  return { stream: resource.slice('stream/'.length), region };
}

/** One invocation record, or why it is not one. */
function toNotice(value: unknown, source: string): { notice: RedriveNotice; payload: unknown } | NoticeProblem {
  const parsed = invocationRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return { source, reason: `not a Kinesis invocation record (${where}${issue.message})` };
  }
  const { KinesisBatchInfo: info, requestContext, timestamp, payload } = parsed.data;
  const notice: RedriveNotice = {
    source,
    ...streamOf(info.streamArn),
    streamArn: info.streamArn,
    shardId: info.shardId,
    start: info.startSequenceNumber,
    end: info.endSequenceNumber,
    firstArrival: info.approximateArrivalOfFirstRecord,
    lastArrival: info.approximateArrivalOfLastRecord,
    batchSize: info.batchSize,
    functionArn: requestContext?.functionArn ?? null,
    condition: requestContext?.condition ?? null,
    failedAt: timestamp ?? null,
    hasPayload: payload !== undefined && payload !== null,
  };
  return { notice, payload };
}

const isProblem = (item: { notice: RedriveNotice } | NoticeProblem): item is NoticeProblem => 'reason' in item;

/**
 * The notices in one file's text: a JSON document (one invocation record, or an array of them),
 * or JSON Lines as the destinations' consumers often save them. Each bad one is reported with
 * where it is and why, and skipped; `room` caps how many are taken.
 */
export function parseNotices(text: string, file: string, room: number): ParsedNotices {
  const out: ParsedNotices = { notices: [], problems: [] };
  const take = (value: unknown, source: string) => {
    if (out.notices.length >= room) {
      out.problems.push({ source, reason: 'skipped: the limit of notices read at once was reached' });
      return;
    }
    const item = toNotice(value, source);
    if (isProblem(item)) return void out.problems.push(item);
    const records = payloadRecords(item.notice, item.payload);
    if (records && 'problem' in records) {
      // The notice still names its records in the stream; only its payload is left aside.
      out.problems.push({ source, reason: `${records.problem}: only the stream's records are used` });
      item.notice.hasPayload = false;
    } else if (records) (out.payloads ??= new Map()).set(item.notice, records.records);
    out.notices.push(item.notice);
  };
  const trimmed = text.trim();
  if (trimmed === '') {
    out.problems.push({ source: file, reason: 'the file is empty' });
    return out;
  }
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) {
    if (Array.isArray(whole)) whole.forEach((value, index) => take(value, `${file}[${index}]`));
    else take(whole, file);
    return out;
  }
  // Not one JSON document: JSON Lines, each line on its own.
  trimmed.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const source = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      out.problems.push({ source, reason: `not JSON (${(error as Error).message})` });
      return;
    }
    take(value, source);
  });
  return out;
}
