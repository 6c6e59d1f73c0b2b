import { z } from 'zod';

const digitsSchema = z
  .string()
  .max(128)
  .regex(/^\d{1,128}$/, 'a sequence number is a string of up to 128 digits');

/** The records of one shard from one sequence number to another, both included. */
export const recordRangeSchema = z
  .object({ shardId: z.string().min(1).max(128), start: digitsSchema, end: digitsSchema })
  .strict()
  .refine((range) => BigInt(range.start) <= BigInt(range.end), { message: 'a range starts after it ends' });
export type RecordRange = z.infer<typeof recordRangeSchema>;

/**
 * Given records only (a redrive's failed batches), each shard from its range's first sequence
 * number to its last; a job's from and until then bound nothing, and other shards are not read.
 */
export const recordRangesSchema = z.array(recordRangeSchema).min(1).max(10_000);

/**
 * Where a redrive's job takes the records its stream no longer holds: the notices (an S3
 * destination's objects, or a folder of them) whose payloads carry them, each with a digest of its
 * payload's records. A resume reads them again and refuses when one changed or vanished, so it
 * never writes other records than the job began with.
 */
export const payloadSourceSchema = z
  .object({
    /** s3://bucket/prefix/, or a file or folder of notices. */
    from: z.string().min(1).max(4_096),
    notices: z
      .array(
        z
          .object({
            source: z.string().min(1).max(4_096),
            /** SHA-256 (base64url) of the payload's records: sequence number, key, arrival and bytes. */
            digest: z
              .string()
              .length(43)
              .regex(/^[A-Za-z0-9_-]{43}$/),
          })
          .strict(),
      )
      .min(1)
      .max(10_000),
  })
  .strict();
export type PayloadSource = z.infer<typeof payloadSourceSchema>;
