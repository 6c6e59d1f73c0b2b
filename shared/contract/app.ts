import { z } from 'zod';
import { runCompressions } from './runs';

/** Where main runs: the desktop app, `shardscope serve`, a CLI command, or a test. */
export const hostKinds = ['electron', 'browser', 'cli', 'test'] as const;
export type HostKind = (typeof hostKinds)[number];

export const appInfoSchema = z.object({
  version: z.string(),
  host: z.enum(hostKinds),
  /** The compressions main's runtime can write, per run format, the default first. */
  compressions: z.object({
    jsonl: z.array(z.enum(runCompressions)),
    csv: z.array(z.enum(runCompressions)),
    parquet: z.array(z.enum(runCompressions)),
  }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const producerStatusSchema = z.object({
  running: z.boolean(),
  recordsWritten: z.number().int().nonnegative(),
  recordsPerSecond: z.number().nonnegative(),
  lastError: z.string().nullable(),
});
export type ProducerStatus = z.infer<typeof producerStatusSchema>;

/** The browser host skipped events for a tab that read them too slowly; its views may have gaps. */
export const hostLaggingSchema = z.object({
  skipped: z.number().int().nonnegative(),
  topics: z.array(z.string()),
});
export type HostLagging = z.infer<typeof hostLaggingSchema>;
