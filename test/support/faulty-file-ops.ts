import { nodeFileOps, type FileOps } from '../../main/domain/engine/files/file-ops';

/** A step of making output complete, as FileOps takes it. */
export type FileStep = 'close' | 'fsync' | 'append' | 'rename' | 'sync-folder' | 'save';
export const fileSteps: FileStep[] = ['close', 'fsync', 'append', 'rename', 'sync-folder', 'save'];

export interface FaultyFileOps extends FileOps {
  /** How many times each step was taken (the failed one included). */
  readonly taken: Record<FileStep, number>;
  /** Whether the fault has been injected yet. */
  readonly injected: boolean;
}

/**
 * The real file operations, except that the `nth` time `step` is taken it fails as the disk
 * would (with `code`), once: the steps after it succeed again, as on a disk that was freed, so a
 * test sees whether anything saved later counts records the failed step lost.
 */
export function faultyFileOps(step: FileStep, nth: number, code = 'EIO'): FaultyFileOps {
  const taken = Object.fromEntries((['close', 'fsync', 'append', 'rename', 'sync-folder', 'save'] as const).map((s) => [s, 0])) as Record<
    FileStep,
    number
  >;
  let injected = false;
  const failsNow = (current: FileStep) => {
    taken[current]++;
    if (current !== step || taken[current] !== nth) return false;
    injected = true;
    return true;
  };
  const failure = () => Object.assign(new Error(`${code}: injected failure at ${step}`), { code });
  const guarded =
    <A extends unknown[]>(current: FileStep, real: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      if (failsNow(current)) throw failure();
      return real(...args);
    };
  return {
    taken,
    get injected() {
      return injected;
    },
    createWriteStream(file) {
      const stream = nodeFileOps.createWriteStream(file);
      // The stream's last step before it closes: where a file system that buffers reports a write it could not make.
      stream._final = (done: (error?: Error | null) => void) => done(failsNow('close') ? failure() : null);
      return stream;
    },
    fsync: guarded('fsync', nodeFileOps.fsync),
    appendSynced: guarded('append', nodeFileOps.appendSynced),
    rename: guarded('rename', nodeFileOps.rename),
    syncFolder: guarded('sync-folder', nodeFileOps.syncFolder),
    writeFileAtomic: guarded('save', nodeFileOps.writeFileAtomic),
  };
}
