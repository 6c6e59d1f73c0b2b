import { z } from 'zod';

export const sessionKinds = ['preview', 'metrics', 'run', 'search', 'copy', 'consumers', 'produce'] as const;
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
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** How many sessions one process runs at once, over all owners. */
export const MAX_SESSIONS = 32;
/** One window or tab may hold this many, so one runaway page cannot take every slot. */
export const MAX_SESSIONS_PER_OWNER = 12;
