import { z } from 'zod';
import { maskingFileSchema } from './masking';
import { previewRecordSchema, startPositionSchema } from './preview';
import { localSchemaFileSchema } from './schemas';
import { streamNameSchema } from './streams';

/** Where a search stops: at the tip as each shard stood when reached, or at a moment. */
export const searchEndSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('caught-up') }),
  z.object({ type: z.literal('time'), time: z.iso.datetime({ offset: true }) }),
]);

export const searchInputSchema = z
  .object({
    stream: streamNameSchema,
    shardIds: z.array(z.string().min(1).max(128)).max(1_000).optional(),
    from: startPositionSchema,
    until: searchEndSchema,
    /** A CEL expression over data, partitionKey, shardId, sequenceNumber, subSequenceNumber, arrivalTime and size. */
    expression: z.string().min(1, 'Type an expression.').max(4_000),
    limit: z.number().int().min(1).max(100_000).default(1_000),
    /** Each match whole rather than cut to a preview's size: for a host that prints matches rather than lists them. */
    wholeRecords: z.boolean().default(false),
    /** A schema file for this search only, in place of the stream's binding. */
    schema: localSchemaFileSchema.optional(),
    /** Masking rules for this search only, on top of the connection's: matches are masked, expressions see values whole. */
    masking: maskingFileSchema.optional(),
  })
  .strict();
export type SearchInput = z.input<typeof searchInputSchema>;
export type SearchSpec = z.output<typeof searchInputSchema>;

export const expressionCheckSchema = z.object({ ok: z.boolean(), message: z.string().nullable() });

export const searchProgressSchema = z.object({
  sessionId: z.string(),
  scanned: z.number().int(),
  matched: z.number().int(),
  /** Records the expression could not be evaluated on (e.g. a field of the wrong type): skipped. */
  errors: z.number().int(),
  firstError: z.string().nullable(),
  recordsPerSecond: z.number(),
  shards: z.array(
    z.object({
      shardId: z.string(),
      state: z.string(),
      records: z.number().int(),
      lastArrival: z.string().nullable(),
      fraction: z.number().nullable(),
    }),
  ),
});
export type SearchProgress = z.infer<typeof searchProgressSchema>;

export const searchMatchesSchema = z.object({ sessionId: z.string(), records: z.array(previewRecordSchema) });
export type SearchMatches = z.infer<typeof searchMatchesSchema>;
