import type { CopySpec } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';

/**
 * A copy of a stream into itself, on the same connection and with its keys kept, lands each
 * record back on the shard being read: read up to "caught up", it would chase its own writes.
 * Refused here, for every host, before a plan is made or a copy started.
 */
export function refuseEndlessSelfCopy(spec: CopySpec, sameConnection: boolean): void {
  // Given ranges end at their last records, whatever the copy writes after them.
  if (spec.source !== spec.target || !sameConnection || spec.ranges) return;
  if (spec.keys.type === 'keep' && spec.until.type === 'caught-up')
    throw new AppError('invalid-input', 'Copying a stream into itself until caught up would never end: give an end time.');
}
