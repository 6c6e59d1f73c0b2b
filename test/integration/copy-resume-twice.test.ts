import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { loadCopyManifest } from '../../main/domain/writes/copy/copy-manifest';
import { tempDataDir } from '../support/app';
import { faultyFileOps } from '../support/faulty-file-ops';
import { copyFixture } from '../support/copy-fixture';
import { createStream, readAllRaw, uniqueName } from '../support/sdk';

const RECORDS = 2_400;

/** How many times each source record (by the `n` it carries) is in a stream. */
async function copiesOfEach(client: KinesisClient, stream: string): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const record of await readAllRaw(client, stream)) {
    const { n } = JSON.parse(record.data.toString('utf8')) as { n: number };
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

// A resume learns which records of the lost chunk landed; that verdict must outlive the resume's own chunks.
describe('a copy resumed, failing again after its first chunk, then resumed to the end', () => {
  const fixture = copyFixture(RECORDS);
  const { copy } = fixture;

  it('leaves each source record in the target exactly once', async () => {
    const target = uniqueName('target');
    await createStream(fixture.client, target, 2);
    const folder = path.join(tempDataDir(), 'copy');

    // Save 6 marks the third chunk written: it landed, but copy.json still lists it in flight.
    const first = faultyFileOps('save', 6);
    expect((await copy(target, folder, false, first)).outcome).toBe('failed');
    const lost = (await loadCopyManifest(folder))!.inFlight;
    expect(lost?.entries.length).toBeGreaterThan(0);

    // Save 1 lists the resume's first chunk in flight; save 2 would mark it written, and fails.
    const second = faultyFileOps('save', 2);
    expect((await copy(target, folder, true, second)).outcome).toBe('failed');
    expect(second.injected).toBe(true);
    const between = (await loadCopyManifest(folder))!;
    expect(between.inFlight?.sentAt).not.toBe(lost!.sentAt);
    // Its marks never moved in copy.json, so every record the lost chunk listed is still vouched for.
    expect(between.carried.filter((entry) => entry.written)).toHaveLength(lost!.entries.length);

    const last = await copy(target, folder, true);
    expect(last.outcome, last.reason ?? '').toBe('completed');
    // Read again to the end, nothing is left to carry.
    expect((await loadCopyManifest(folder))!.carried).toEqual([]);
    const counts = await copiesOfEach(fixture.client, target);
    const twice = [...counts].filter(([, times]) => times !== 1).map(([n]) => n);
    expect(twice).toEqual([]);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: RECORDS }, (_, n) => n));
  });
});
