import { z } from 'zod';
import { maskingFileSchema } from './masking';
import { localSchemaFileSchema, schemaRefSchema } from './schemas';
import { sequenceNumberSchema, shardIdSchema, streamNameSchema } from './streams';

export const startPositionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('TRIM_HORIZON') }),
  z.object({ type: z.literal('LATEST') }),
  z.object({ type: z.literal('AT_TIMESTAMP'), timestamp: z.iso.datetime({ offset: true }) }),
  z.object({ type: z.literal('AT_SEQUENCE_NUMBER'), shardId: shardIdSchema, sequenceNumber: sequenceNumberSchema }),
  z.object({ type: z.literal('AFTER_SEQUENCE_NUMBER'), shardId: shardIdSchema, sequenceNumber: sequenceNumberSchema }),
]);
export type StartPosition = z.infer<typeof startPositionSchema>;

export const previewRecordSchema = z.object({
  /** shardId/sequenceNumber/subSequenceNumber: unique within a stream. */
  id: z.string(),
  shardId: z.string(),
  sequenceNumber: z.string(),
  subSequenceNumber: z.number().int().nullable(),
  partitionKey: z.string(),
  arrivalTime: z.string(),
  size: z.number().int(),
  compression: z.enum(['gzip', 'zlib']).nullable(),
  encoding: z.enum(['json', 'text', 'binary']),
  /** The parsed JSON value, when the record is JSON and small enough to send whole. */
  json: z.unknown().optional(),
  /**
   * Text for display: the text itself, base64 of the bytes, or the JSON when it was too long to
   * send as a value (cut at the preview limit). Absent when it would only repeat json's JSON: read
   * it through recordText.
   */
  text: z.string().optional(),
  truncated: z.boolean(),
  error: z.string().nullable(),
  /** The schema the record was decoded with (its json is then the decoded value). */
  schema: schemaRefSchema.optional(),
  /** Avro: the branch each union took, by path ($.field), for the inspector. */
  unionBranches: z.record(z.string(), z.string()).optional(),
  /**
   * A decoded record's bytes as read (framing included), base64, cut like a binary record's text:
   * for the hex view. Only a record fetched alone (preview:record) or a search's match carries
   * them; the live preview leaves them out, as the hex view asks for them when opened.
   */
  raw: z.string().optional(),
  /** Masking rules changed or withheld values: the record's bytes are not offered (no raw or hex view). */
  masked: z.boolean().optional(),
});
export type PreviewRecord = z.infer<typeof previewRecordSchema>;

// A preview row's text is asked for on every render and filter pass: made once per record.
const derivedTexts = new WeakMap<PreviewRecord, string>();

/** A record's text, the JSON of its value when main left it out as a repeat of it. */
export function recordText(record: PreviewRecord): string {
  if (record.text !== undefined) return record.text;
  let text = derivedTexts.get(record);
  if (text === undefined) {
    text = JSON.stringify(record.json) ?? '';
    derivedTexts.set(record, text);
  }
  return text;
}

/** Whether the hex view needs the record's bytes fetched: a decoded record that came without them. */
export function bytesLeftOut(record: PreviewRecord): boolean {
  return record.schema !== undefined && record.raw === undefined;
}

export const shardStatusSchema = z.object({
  shardId: z.string(),
  /** ended: closed by resharding and read to its end; done: the range being read ended on it. */
  state: z.enum(['waiting', 'reading', 'caught-up', 'retrying', 'ended', 'done']),
  lastSequenceNumber: z.string().nullable(),
  millisBehindLatest: z.number().nullable(),
  records: z.number().int(),
  /** GetRecords calls made so far. */
  calls: z.number().int(),
  throttled: z.number().int(),
  note: z.string().nullable(),
});
export type ShardStatus = z.infer<typeof shardStatusSchema>;

export const previewStatusSchema = z.object({
  sessionId: z.string(),
  state: z.enum(['starting', 'running', 'paused', 'stopped']),
  /** Why the session stopped, when it stopped by itself. */
  reason: z.string().nullable(),
  shards: z.array(shardStatusSchema),
});
export type PreviewStatus = z.infer<typeof previewStatusSchema>;

export const previewBatchSchema = z.object({
  sessionId: z.string(),
  records: z.array(previewRecordSchema),
  /** Records read but not sent because more arrived in one interval than the renderer keeps. */
  dropped: z.number().int(),
});
export type PreviewBatch = z.infer<typeof previewBatchSchema>;

/** How long a followed preview in arrival order holds a record for the other shards to be read past its time. */
export const ARRIVAL_HOLD_MS = 1_000;

export const previewStartInputSchema = z
  .object({
    stream: streamNameSchema,
    position: startPositionSchema,
    shardIds: z.array(shardIdSchema).max(1_000).optional(),
    /** Where the read ends, as a search's does; none: it follows the stream until stopped. */
    until: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('caught-up') }),
        z.object({ type: z.literal('time'), time: z.iso.datetime({ offset: true }) }),
      ])
      .optional(),
    /**
     * Every record, whole, none dropped: for a host that prints them rather than keeps the latest.
     * It pauses the preview while it catches up.
     */
    wholeRecords: z.boolean().default(false),
    /**
     * shard: each shard's records as they are read; arrival: merged across shards by arrival
     * time (fully with an end; when following, a record waits at most ARRIVAL_HOLD_MS).
     */
    order: z.enum(['shard', 'arrival']).default('shard'),
    /** A schema file for this read only, in place of the stream's binding. */
    schema: localSchemaFileSchema.optional(),
    /** Masking rules for this read only, on top of the connection's. */
    masking: maskingFileSchema.optional(),
  })
  .strict();
export type PreviewStartInput = z.output<typeof previewStartInputSchema>;

export const sessionInputSchema = z.object({ sessionId: z.string().min(1).max(64) }).strict();

export const recordKeySchema = z
  .object({
    stream: streamNameSchema,
    shardId: shardIdSchema,
    sequenceNumber: sequenceNumberSchema,
    subSequenceNumber: z.number().int().nonnegative().nullable(),
  })
  .strict();
