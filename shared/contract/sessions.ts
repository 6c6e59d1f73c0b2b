import { z } from 'zod';
import { remedySchema } from './errors';
import { runSummarySchema } from './runs';
import { copySummarySchema } from './writes';
import { heatReportSchema } from './heat';

export const sessionKinds = ['preview', 'metrics', 'run', 'search', 'heat', 'copy', 'consumers', 'produce'] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const sessionStates = ['starting', 'running', 'paused', 'stopped'] as const;
export type SessionState = (typeof sessionStates)[number];

/** Why a session ended: its owner asked, its owner went away, or it ended by itself. */
export const stopCauses = ['user', 'owner-closed', 'connection-changed', 'app-stopped', 'error', 'completed'] as const;
export type StopCause = (typeof stopCauses)[number];

/** Sent to a session's owner whenever its state changes; the renderer's "running" comes from here. */
export const sessionStatusSchema = z.object({
  sessionId: z.string(),
  kind: z.enum(sessionKinds),
  state: z.enum(sessionStates),
  stoppedBy: z.enum(stopCauses).nullable(),
  /** Why it stopped, in a user's words, when it stopped by itself. */
  reason: z.string().nullable(),
  /** What the user can do about the failure that stopped it, worded by each host. */
  remedy: remedySchema.optional(),
  /** What a stopped session leaves, on its last status: a host needs no other way to say how it ended. */
  result: z.lazy(() => sessionResultSchema).optional(),
});
/** The end of a run, a copy or a search as its last status carries it. */
export const sessionResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), summary: runSummarySchema }),
  z.object({ kind: z.literal('copy'), summary: copySummarySchema }),
  /** Records of a preview in arrival order let go before every shard was read past them: their order is not certain. */
  z.object({ kind: z.literal('preview'), releasedEarly: z.number().int() }),
  z.object({
    kind: z.literal('search'),
    totals: z.object({ scanned: z.number().int(), matched: z.number().int(), errors: z.number().int(), firstError: z.string().nullable() }),
  }),
  z.object({ kind: z.literal('heat'), report: heatReportSchema }),
]);
export type SessionResult = z.infer<typeof sessionResultSchema>;

export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** How many sessions one process runs at once, over all owners. */
export const MAX_SESSIONS = 32;
/** One window or tab may hold this many, so one runaway page cannot take every slot. */
export const MAX_SESSIONS_PER_OWNER = 12;
