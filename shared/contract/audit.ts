import { z } from 'zod';
import { connectionKinds } from './connections';

/** What an audited change did to the world, said without record content or secrets. */
export const auditOutcomeSchema = z.object({
  status: z.enum(['succeeded', 'partial', 'failed']),
  /** One line for people: "put 480 of 500", "stopped: the connection was switched". */
  summary: z.string(),
  /** Counts where the change wrote records or leases. */
  counts: z.record(z.string(), z.number()).optional(),
  /** The error's code, its class (the AWS exception name where AWS said it) and message. */
  error: z.object({ code: z.string(), class: z.string().nullable(), message: z.string() }).optional(),
});
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** Who asked: the OS user, the connection, and the AWS identity (absent with the reason where STS cannot say). */
export const auditWhoSchema = z.object({
  osUser: z.string(),
  host: z.string(),
  /** The connection the change ran on; null for a change that opens none (a saved connection edited). */
  connection: z
    .object({
      name: z.string(),
      kind: z.enum(connectionKinds),
      region: z.string(),
      endpoint: z.string().nullable(),
    })
    .nullable(),
  account: z.string().nullable(),
  arn: z.string().nullable(),
  /** Why account and ARN are absent. */
  identityUnknown: z.string().optional(),
});
export type AuditWho = z.infer<typeof auditWhoSchema>;

export const auditEntrySchema = z.object({
  /** The change, named as the contract call that makes it (or a domain action, e.g. a masking switch). */
  action: z.string(),
  at: z.iso.datetime(),
  who: auditWhoSchema,
  what: z.object({
    summary: z.string(),
    stream: z.string().nullable(),
    /** The confirmed plan's parameters: names, positions and counts, never data. */
    plan: z.record(z.string(), z.unknown()),
    /** The token of the plan the user confirmed; spent by the change, so good for nothing else. */
    token: z.string().nullable(),
  }),
  outcome: auditOutcomeSchema,
  /** SHA-256 (hex) of the previous line exactly as written; the first line carries the genesis value. */
  previous: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListInputSchema = z
  .object({
    /** Entries at or after this moment only. */
    since: z.iso.datetime({ offset: true }).optional(),
    /** Entries written on this connection only (its name). */
    connection: z.string().min(1).max(200).optional(),
    /** Entries of this action only, e.g. 'writes:put'. */
    action: z.string().min(1).max(100).optional(),
    /** The next page: entries on lines before this one (the last entry's `line` of the page before). */
    before: z.number().int().min(1).optional(),
    /** Newest first, at most this many. */
    limit: z.number().int().min(1).max(10_000).default(1_000),
  })
  .strict();

export const auditListSchema = z.object({
  /** Newest first. */
  entries: z.array(auditEntrySchema.extend({ line: z.number().int() })),
  /** More entries match beyond this page (ask again with `before`). */
  more: z.boolean(),
  /** Every action and connection name in the log, whatever the filters: what there is to filter by. */
  actions: z.array(z.string()),
  connections: z.array(z.string()),
  file: z.string(),
});

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  /** Entries checked. */
  lines: z.number().int(),
  /** The first line that breaks the chain (1-based) and why; absent when it holds. */
  broken: z.object({ line: z.number().int(), reason: z.string() }).optional(),
  file: z.string(),
});
export type AuditVerification = z.infer<typeof auditVerifySchema>;
