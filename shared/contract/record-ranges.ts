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
