import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobJournal, type JobManifest } from '../../main/domain/engine/jobs/job-journal';
import { saveManifestFile } from '../../main/domain/engine/jobs/job-manifest';

interface Totals {
  taken: number;
}
interface TestManifest extends JobManifest<Totals> {
  /** The unit a commit is completing, as a run's pending file or a copy's in-flight chunk. */
  unit: string | null;
}

/** The smallest job on the shared protocol: its unit of output is a name, its manifest job.json. */
class NameJournal extends JobJournal<Totals, TestManifest> {
  constructor(
    private readonly folder: string,
    saved: TestManifest,
  ) {
    super(saved);
  }

  take(shardId: string, sequenceNumber: string): void {
    this.marks[shardId] = { sequenceNumber, subSequenceNumber: null, state: 'reading' };
    this.totals.taken++;
  }

  commit(unit: string, complete: () => Promise<void>): Promise<void> {
    const marks = structuredClone(this.marks);
    return this.guarded(
      () =>
        this.commitUnit({ ...this.saved, unit }, complete, (listed) => ({
          ...listed,
          unit: null,
          shards: marks,
          totals: { ...this.totals },
        })),
      () => {},
    );
  }

  protected async persist(manifest: TestManifest): Promise<TestManifest> {
    await saveManifestFile(this.folder, 'job.json', JSON.stringify(manifest));
    return manifest;
  }
}

const fresh = (): TestManifest => ({ shards: {}, totals: { taken: 0 }, status: 'running', reason: null, unit: null });

describe('the resumable-job commit protocol', () => {
  let folder: string;
  const onDisk = async (): Promise<TestManifest> => JSON.parse(await readFile(path.join(folder, 'job.json'), 'utf8'));

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'job-journal-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('lists the unit before completing it, and moves the marks only after', async () => {
    const journal = new NameJournal(folder, fresh());
    journal.take('shard-0', '7');
    let seenWhileCompleting: TestManifest | null = null;
    await journal.commit('part-0', async () => {
      seenWhileCompleting = await onDisk();
    });
    expect(seenWhileCompleting).toMatchObject({ unit: 'part-0', shards: {}, totals: { taken: 0 } });
    expect(await onDisk()).toMatchObject({ unit: null, shards: { 'shard-0': { sequenceNumber: '7' } }, totals: { taken: 1 } });
    expect(journal.manifest).toEqual(await onDisk());
  });

  it('keeps the marks at the last complete unit when completing one fails, and takes no more', async () => {
    const journal = new NameJournal(folder, fresh());
    journal.take('shard-0', '7');
    await journal.commit('part-0', async () => {});
    journal.take('shard-0', '9');
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    await expect(journal.commit('part-1', () => Promise.reject(full))).rejects.toBe(full);
    // On disk: the unit listed (a resume settles it), the marks still those of part-0.
    expect(await onDisk()).toMatchObject({ unit: 'part-1', shards: { 'shard-0': { sequenceNumber: '7' } }, totals: { taken: 1 } });
    expect(journal.mark('shard-0')?.sequenceNumber).toBe('7');
    expect(journal.totals).toEqual({ taken: 1 });
    expect(journal.failed).toBe(full);
    await expect(journal.commit('part-2', async () => {})).rejects.toBe(full);
  });

  it('saves the outcome with the totals the saved marks vouch for', async () => {
    const journal = new NameJournal(folder, fresh());
    journal.take('shard-0', '7');
    journal.setShardState('shard-0', 'done');
    await journal.finish('stopped', 'stopped by the user');
    expect(await onDisk()).toMatchObject({ status: 'stopped', reason: 'stopped by the user', totals: { taken: 0 }, shards: {} });
    expect(journal.mark('shard-0')).toEqual({ sequenceNumber: '7', subSequenceNumber: null, state: 'done' });
  });
});
