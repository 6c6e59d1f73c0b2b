import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/app';
import { faultyFileOps, type FileStep } from '../support/faulty-file-ops';
import { copyFixture } from '../support/copy-fixture';
import { createStream, keyed, readAllRaw, uniqueName } from '../support/sdk';

const RECORDS = 2_400;

// The file layer is what fails here, whatever serves the streams: kinesalite alone keeps it quick.
describe('a copy whose manifest fails to save, then resumed', () => {
  const fixture = copyFixture(RECORDS);
  const { source, copy } = fixture;

  // Saves: each chunk is listed (odd), then marked written (even); the third chunk's by then both shards' pages are queued.
  const faults: [FileStep, number][] = [
    ['save', 5],
    ['save', 6],
    ['sync-folder', 5],
    ['sync-folder', 6],
  ];
  for (const [step, nth] of faults)
    it(`fails at ${step} #${nth}: stops with the reason, and the resume leaves each record in the target once`, async () => {
      const target = uniqueName('target');
      await createStream(fixture.client, target, 2);
      const folder = path.join(tempDataDir(), 'copy');
      const ops = faultyFileOps(step, nth);
      const failed = await copy(target, folder, false, ops);
      expect(ops.injected).toBe(true);
      expect(failed.outcome).toBe('failed');
      expect(failed.reason).toContain(`Writing to ${folder} failed: EIO: injected failure at ${step}`);

      const resumed = await copy(target, folder, true);
      expect(resumed.outcome, resumed.reason ?? '').toBe('completed');
      expect(keyed(await readAllRaw(fixture.client, target))).toEqual(keyed(await readAllRaw(fixture.client, source)));
    });
});
