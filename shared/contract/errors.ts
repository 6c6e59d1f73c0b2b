import { z } from 'zod';

/**
 * Every failure that crosses a transport is one of these codes, so the UI and the CLI can
 * react to the kind of failure without parsing messages.
 */
export const errorCodes = [
  'invalid-input',
  'unknown-call',
  'not-found',
  'access-denied',
  'kms-denied',
  'credentials',
  'unreachable',
  'throttled',
  'aws',
  'unavailable',
  'keychain-unavailable',
  'tls',
  'conflict',
  /** A write on a connection marked read-only, refused in main. */
  'read-only',
  'internal',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/**
 * What a user can do about a failure, as a word each host says its own way (a flag in the CLI, a
 * button or a setting in the app): domain text names neither.
 * - start-over: the folder holds a failed run's output; a fresh run needs another folder (or this
 *   one emptied), as a resume would carry on the failed run as it was asked.
 * - resume-or-elsewhere: a new run was asked for in a folder that holds a run already; carry that
 *   one on, start it over, or choose another folder.
 * - resume: what is complete is kept; once the cause is fixed, carry on with the same run.
 * - resume-or-restart: an unfinished copy is kept in the folder; carry it on or start it over.
 * - name-lease-table: no lease table was found by its shape; name the KCL application.
 * - set-region: the connection knows no AWS region.
 * - set-dynamodb-endpoint: a local connection names no DynamoDB for its lease tables.
 * - make-writable: the connection is read-only; writing needs it made writable.
 * - set-schema-registry: the connection names no Confluent-compatible schema registry.
 * - replace-files: the folder holds files of the names about to be written; replace them or choose another folder.
 * - give-prices: the built-in price table has no figures for the region; give a price table of one's own.
 * - give-load: CloudWatch gave no load for the stream; give the load (records and bytes a second) by hand.
 */
export const remedies = [
  'start-over',
  'resume-or-elsewhere',
  'resume',
  'resume-or-restart',
  'name-lease-table',
  'set-region',
  'set-dynamodb-endpoint',
  'make-writable',
  'set-schema-registry',
  'replace-files',
  'give-prices',
  'give-load',
] as const;
export const remedySchema = z.enum(remedies);
export type Remedy = z.infer<typeof remedySchema>;

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  remedy: remedySchema.optional(),
  /** Names the user may have meant (the closest streams to one that is not there), best first. */
  suggestions: z.array(z.string().max(256)).max(10).optional(),
  /** For invalid-input: where in the payload each problem is. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

/** The result envelope: errors travel as values, never as thrown objects across a transport. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
