import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { RedrivePlan } from '../../shared/contract/redrive';
import type { Masking } from '../domain/connections/masking-source';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SchemaSource } from '../domain/connections/schema-source';
import { RecordMasker } from '../domain/engine/mask/masker';
import { copyOfPlan, exportOfPlan, findFailedRecords } from '../domain/redrive/redrive-plan';

export function redriveHandlers(
  reading: ReaderSource,
  masking: Masking,
  schemaSource: SchemaSource,
): Pick<Handlers, 'redrive:find' | 'redrive:planCopy' | 'redrive:planExport'> {
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
      const plan = await countFailedRecords(from, reading, owner);
      return { plan, spec: copyOfPlan(plan, { target, targetProfile, keys }) };
    },
    // The run is started with runs:start, which masks it as every run is (its rules kept in run.json).
    'redrive:planExport': async ({ from, run }, owner) => {
      const plan = await countFailedRecords(from, reading, owner);
      return { plan, spec: exportOfPlan(plan, run) };
    },
  };
}

/** The plan alone: what a job over the notices' ranges will find, counted. */
async function countFailedRecords(from: string, reading: ReaderSource, owner: SessionOwner): Promise<RedrivePlan> {
  const { plan } = await findFailedRecords({
    from,
    wholeRecords: false,
    countOnly: true,
    reading: (stream) => reading(owner, stream),
    // Nothing found is shown here: no masker, no keychain.
    masker: async () => new RecordMasker([], null),
  });
  return plan;
}
