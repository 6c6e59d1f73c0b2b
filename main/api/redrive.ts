import type { Handlers } from '../core/dispatcher';
import type { ReaderSource } from '../domain/connections/reader-source';
import { findFailedRecords } from '../domain/redrive/redrive-plan';

export function redriveHandlers(reading: ReaderSource): Pick<Handlers, 'redrive:find'> {
  return {
    'redrive:find': async (input, owner) => findFailedRecords({ ...input, reading: (stream) => reading(owner, stream) }),
  };
}
