import type { Handlers } from '../core/dispatcher';
import type { Masking } from '../domain/connections/masking-source';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SchemaSource } from '../domain/connections/schema-source';
import { RecordMasker } from '../domain/engine/mask/masker';
import { copyOfPlan, findFailedRecords } from '../domain/redrive/redrive-plan';

export function redriveHandlers(
  reading: ReaderSource,
  masking: Masking,
  schemaSource: SchemaSource,
): Pick<Handlers, 'redrive:find' | 'redrive:planCopy'> {
  return {
    'redrive:find': async ({ masking: file, ...input }, owner) =>
      findFailedRecords({
        ...input,
        // Decoded as every reader decodes (KPL, inflation, the stream's schemas), then masked.
        reading: async (stream) => ({ ...reading(owner, stream), schemas: await schemaSource(owner, stream) }),
        masker: async (stream) => (await masking.forRead(owner, stream, file, 'view')).masker,
      }),
    // The copy is estimated, confirmed with its plan token and started (audited) as every copy is.
    'redrive:planCopy': async ({ from, target, targetProfile, keys }, owner) => {
      const { plan } = await findFailedRecords({
        from,
        wholeRecords: false,
        countOnly: true,
        reading: (stream) => reading(owner, stream),
        // Nothing found is shown (the copy writes the bytes as they are, decision 0052): no masker, no keychain.
        masker: async () => new RecordMasker([], null),
      });
      return { plan, spec: copyOfPlan(plan, { target, targetProfile, keys }) };
    },
  };
}
