import { createHash } from 'node:crypto';
import { classifyAwsError } from '../../aws/errors';
import { AppError } from '../../core/app-error';
import type { RunManifest } from './manifest';

/**
 * What names one pending unit whatever wrote it: its parts and the marks it completes. A part of
 * the same run and number, uploaded by a run that lost the claim, holds other records and carries
 * another token, so recovery never counts it as this unit's.
 */
export function unitToken(pending: NonNullable<RunManifest['pending']>): string {
  const canonical = {
    files: pending.files.map((file) => [file.name, file.records, file.bytes]),
    shards: Object.keys(pending.shards)
      .sort()
      .map((shard) => [
        shard,
        pending.shards[shard]!.sequenceNumber,
        pending.shards[shard]!.subSequenceNumber,
        pending.shards[shard]!.state,
      ]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 32);
}

/** Failures the same run outlives once the cause is mended: what is committed stays, and a resume carries on. */
const resumable = new Set(['access-denied', 'kms-denied', 'credentials', 'unavailable', 'throttled', 'timeout']);

/**
 * A failed write to a run's prefix, said so that the user knows what is kept and what to do: a
 * refusal names the IAM action (the object store's words) and says a resume carries on; a
 * conflict is given as it is; a local file error (the spool) is left for the folder's wording.
 */
export function s3WriteFailure(error: unknown, location: string): unknown {
  if (error instanceof AppError) {
    if (error.code === 'conflict' || error.remedy || !resumable.has(error.code)) return error;
    return new AppError(error.code, `${error.message} What is committed in ${location} stays.`, 'resume');
  }
  if ((error as NodeJS.ErrnoException | null)?.code && !(error as { $metadata?: unknown }).$metadata) {
    const errno = (error as NodeJS.ErrnoException).code!;
    // A spool file that could not be read or a full disk: the folder's words fit it.
    if (/^E[A-Z]+$/.test(errno) && !['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(errno))
      return error;
  }
  const failure = classifyAwsError(error);
  if (failure.failure === 'read-only') return new AppError('read-only', failure.message, 'make-writable');
  return new AppError('unavailable', `Writing to ${location} failed: ${failure.message} What is committed stays.`, 'resume');
}
