import type { Handlers } from '../core/dispatcher';
import type { Masking } from '../domain/connections/masking-source';
import type { ReaderSource } from '../domain/connections/reader-source';
import { findFailedRecords } from '../domain/redrive/redrive-plan';

export function redriveHandlers(reading: ReaderSource, masking: Masking): Pick<Handlers, 'redrive:find'> {
  return {
    'redrive:find': async ({ masking: file, ...input }, owner) =>
      findFailedRecords({
        ...input,
        reading: (stream) => reading(owner, stream),
        masker: async (stream) => (await masking.forRead(owner, stream, file, 'view')).masker,
      }),
  };
}
