import { z } from 'zod';

export const appInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser', 'test']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const producerStatusSchema = z.object({
  running: z.boolean(),
  recordsWritten: z.number().int().nonnegative(),
  recordsPerSecond: z.number().nonnegative(),
  lastError: z.string().nullable(),
});
export type ProducerStatus = z.infer<typeof producerStatusSchema>;
