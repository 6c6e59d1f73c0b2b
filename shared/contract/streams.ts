import { z } from 'zod';

export const streamStatuses = ['CREATING', 'DELETING', 'ACTIVE', 'UPDATING', 'UNKNOWN'] as const;
export const streamModes = ['PROVISIONED', 'ON_DEMAND'] as const;

export const streamSummarySchema = z.object({
  name: z.string(),
  status: z.enum(streamStatuses),
  mode: z.enum(streamModes),
  openShards: z.number().int().nonnegative().nullable(),
  retentionHours: z.number().int().nonnegative().nullable(),
});
export type StreamSummary = z.infer<typeof streamSummarySchema>;

export const streamListSchema = z.object({
  streams: z.array(streamSummarySchema),
  /** Streams whose summary could not be read, with the reason; they are still listed by name. */
  partialErrors: z.array(z.object({ name: z.string(), message: z.string() })),
});
export type StreamList = z.infer<typeof streamListSchema>;
