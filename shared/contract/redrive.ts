import { z } from 'zod';
import { maskingFileSchema } from './masking';
import { previewRecordSchema } from './preview';
import { streamNameSchema } from './streams';
import { copyKeysSchema, copySpecSchema } from './writes';
import { runSpecSchema } from './runs';

const sequenceNumberSchema = z.string().regex(/^\d{1,128}$/, 'a sequence number is a string of up to 128 digits');

/**
 * The part of Lambda's invocation record for a Kinesis event source that names the failed batch,
 * as "Retain discarded batch records for a Kinesis Data Streams event source in Lambda"
 * (docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html) shows it.
 */
export const kinesisBatchInfoSchema = z
  .object({
    shardId: z.string().min(1).max(128),
    startSequenceNumber: sequenceNumberSchema,
    endSequenceNumber: sequenceNumberSchema,
    approximateArrivalOfFirstRecord: z.iso.datetime({ offset: true }),
    approximateArrivalOfLastRecord: z.iso.datetime({ offset: true }),
    batchSize: z.number().int().min(1).max(10_000),
    streamArn: z.string().regex(/^arn:[\w-]+:kinesis:[\w-]+:\d{12}:stream\/[\w.-]{1,128}$/, 'a Kinesis stream ARN'),
  })
  .refine((info) => BigInt(info.startSequenceNumber) <= BigInt(info.endSequenceNumber), {
    message: 'startSequenceNumber comes after endSequenceNumber',
  });

/** One failure notice: which batch of which shard Lambda gave up on, and where it was read from. */
export const redriveNoticeSchema = z.object({
  /** The file (and line, for JSON Lines) it came from. */
  source: z.string(),
  stream: z.string(),
  streamArn: z.string(),
  region: z.string(),
  shardId: z.string(),
  start: z.string(),
  end: z.string(),
  firstArrival: z.string(),
  lastArrival: z.string(),
  batchSize: z.number().int(),
  functionArn: z.string().nullable(),
  condition: z.string().nullable(),
  failedAt: z.string().nullable(),
  /** The records themselves, where the destination kept them (S3). */
  hasPayload: z.boolean(),
});
export type RedriveNotice = z.infer<typeof redriveNoticeSchema>;

/** A notice that could not be read, skipped with the reason. */
export const noticeProblemSchema = z.object({ source: z.string(), reason: z.string() });
export type NoticeProblem = z.infer<typeof noticeProblemSchema>;

/** One shard's range read once for all the notices whose ranges overlap or repeat in it. */
export const redriveRangeSchema = z.object({
  stream: z.string(),
  region: z.string(),
  shardId: z.string(),
  start: z.string(),
  end: z.string(),
  /** Indexes into the plan's notices. */
  notices: z.array(z.number().int()),
  /** The Kinesis records found in the range, each once however many notices name it. */
  found: z.number().int(),
});
export type RedriveRange = z.infer<typeof redriveRangeSchema>;

/** What was found for one notice: its records in the stream, and those retention took. */
export const noticeOutcomeSchema = z.object({
  found: z.number().int(),
  /** Records the stream no longer holds, taken from the notice's payload (an S3 destination's) instead. */
  fromPayload: z.number().int().default(0),
  expired: z.number().int(),
  /** Records not looked for: the notice names a stream in a region or account this connection does not reach. */
  unread: z.number().int(),
  /** When the missing records left the stream: the batch's arrival plus the stream's retention. */
  expiredAt: z.string().nullable(),
  /** Why nothing could be read, when that is so (the stream or the shard is gone). */
  reason: z.string().nullable(),
});
export type NoticeOutcome = z.infer<typeof noticeOutcomeSchema>;

export const redrivePlanSchema = z.object({
  notices: z.array(redriveNoticeSchema.extend({ outcome: noticeOutcomeSchema.nullable() })),
  problems: z.array(noticeProblemSchema),
  ranges: z.array(redriveRangeSchema),
  /**
   * found: the user records found, each once, in the stream or in payloads; fromPayload: those of
   * them only a payload held; expired and unread: the Kinesis records of the notices no longer
   * there, or not looked for.
   */
  totals: z.object({
    notices: z.number().int(),
    found: z.number().int(),
    fromPayload: z.number().int().default(0),
    expired: z.number().int(),
    unread: z.number().int(),
  }),
});
export type RedrivePlan = z.infer<typeof redrivePlanSchema>;

/** Messages taken from a queue at once: a failed deploy's worth of notices, bounded as files are. */
export const MAX_QUEUE_MESSAGES = 10_000;
const maxMessagesSchema = z.number().int().min(1).max(MAX_QUEUE_MESSAGES).default(100);

/**
 * The messages of an SQS queue held (received and hidden) for this redrive: deleted once their
 * records were shown, copied or exported (redrive:settleQueue), handed back otherwise.
 */
export const queueHoldSchema = z.object({
  hold: z.string(),
  queueUrl: z.string(),
  received: z.number().int(),
  /** Messages that are not an invocation record: never deleted, each reported in the plan's problems. */
  unreadable: z.number().int(),
});
export type QueueHold = z.infer<typeof queueHoldSchema>;

export const redriveSettleQueueInputSchema = z
  .object({
    hold: z.string().min(1).max(64),
    /** True: the records were shown, copied or exported, so their messages are deleted; false: handed back. */
    done: z.boolean(),
  })
  .strict();
export const redriveSettleQueueOutputSchema = z.object({
  /** The queue the messages were held on: the audit entry names it. */
  queueUrl: z.string(),
  deleted: z.number().int(),
  handedBack: z.number().int(),
  /** Why the read messages were not deleted (a read-only connection), or null. */
  refused: z.string().nullable(),
});
export type RedriveSettleQueueOutput = z.infer<typeof redriveSettleQueueOutputSchema>;

/**
 * Characters of notice text one call carries, all files together: an SQS message is at most 1 MiB,
 * so this is several failed deploys' worth, and at JSON's worst escaping it fits the browser host's frame.
 */
export const MAX_NOTICE_TEXT = 4 * 1024 * 1024;
export const MAX_NOTICE_TEXT_FILES = 100;

/** Files the caller read itself (picked in a browser, where main cannot open a path): parsed and checked in main as files are. */
export const noticeTextsSchema = z
  .array(z.object({ name: z.string().min(1).max(256), text: z.string().max(MAX_NOTICE_TEXT) }).strict())
  .min(1)
  .max(MAX_NOTICE_TEXT_FILES)
  .refine((files) => files.reduce((sum, file) => sum + file.text.length, 0) <= MAX_NOTICE_TEXT, {
    message: `notice files of at most ${MAX_NOTICE_TEXT} characters in all`,
  });
export type NoticeTexts = z.infer<typeof noticeTextsSchema>;

/** Where the notices are: a path or queue (`from`), or their text (`texts`); one of the two. */
const noticeSource = {
  /** A file or folder of invocation records, on the machine main runs on, s3://BUCKET/PREFIX/ or sqs://QUEUE_URL. */
  from: z.string().min(1).max(4_096).optional(),
  texts: noticeTextsSchema.optional(),
};
const oneNoticeSource = [
  (input: { from?: string; texts?: unknown }) => (input.from === undefined) !== (input.texts === undefined),
  { message: 'give the notices either as a path or queue (from) or as text (texts), not both' },
] as const;

export const redriveFindInputSchema = z
  .object({
    ...noticeSource,
    maxMessages: maxMessagesSchema,
    /** Each record whole rather than cut to a preview's size: for a host that prints them. */
    wholeRecords: z.boolean().default(false),
    /** Rules for this read only, on top of the connection's. */
    masking: maskingFileSchema.optional(),
  })
  .strict()
  .refine(...oneNoticeSource);
export type RedriveFindInput = z.input<typeof redriveFindInputSchema>;

export const redriveFindOutputSchema = z.object({
  plan: redrivePlanSchema,
  records: z.array(previewRecordSchema),
  /** More records than one answer carries were found: the first are shown. */
  truncated: z.boolean(),
  /** What each masking rule in force masked, across the records found. */
  masking: z.array(z.object({ rule: z.string(), matched: z.number().int() })),
  queue: queueHoldSchema.nullable(),
});
export type RedriveFindOutput = z.infer<typeof redriveFindOutputSchema>;

/** A redrive that puts the records back: the copy it makes of the notices' ranges, planned first. */
export const redrivePlanCopyInputSchema = z
  .object({
    ...noticeSource,
    maxMessages: maxMessagesSchema,
    target: streamNameSchema,
    /** A saved connection to write with; null: the caller's. */
    targetProfile: z.string().min(1).max(64).nullable().default(null),
    keys: copyKeysSchema.default({ type: 'keep' }),
    /** A JSONata map that fixes each record on the way: tried on every record found before the plan is given. */
    map: z.string().min(1).max(10_000).optional(),
  })
  .strict()
  .refine(...oneNoticeSource);
export type RedrivePlanCopyInput = z.input<typeof redrivePlanCopyInputSchema>;

export const redrivePlanCopyOutputSchema = z.object({
  plan: redrivePlanSchema,
  /** The copy that puts back exactly the records found: estimated, confirmed and started as any copy is. */
  spec: copySpecSchema,
  queue: queueHoldSchema.nullable(),
});
export type RedrivePlanCopyOutput = z.infer<typeof redrivePlanCopyOutputSchema>;

/** A redrive that exports the records: an ingestion run over exactly the notices' ranges, planned first. */
export const redrivePlanExportInputSchema = z
  .object({
    ...noticeSource,
    maxMessages: maxMessagesSchema,
    /** The run's output and format, as `ingest` takes them. */
    run: runSpecSchema.pick({ folder: true, format: true, delimiter: true, compression: true, masking: true }),
  })
  .strict()
  .refine(...oneNoticeSource);
export type RedrivePlanExportInput = z.input<typeof redrivePlanExportInputSchema>;

export const redrivePlanExportOutputSchema = z.object({
  plan: redrivePlanSchema,
  /** The run over exactly the records found: started (and masked) as any run is. */
  spec: runSpecSchema,
  queue: queueHoldSchema.nullable(),
});
export type RedrivePlanExportOutput = z.infer<typeof redrivePlanExportOutputSchema>;
