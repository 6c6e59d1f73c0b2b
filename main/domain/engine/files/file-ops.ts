import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file';

/**
 * The file-system steps a run or a copy takes to make its output complete. Each is a place a
 * full disk, a quota or a network file system can report a failure, so each is its own call:
 * tests pass an implementation that fails at one of them and check that nothing is lost.
 */
export interface FileOps {
  /** A new file (it must not exist yet), written through a stream; closing it does not flush it to the disk. */
  createWriteStream(file: string): WriteStream;
  /** Flushes a closed file's data to the disk. */
  fsync(file: string): Promise<void>;
  /** Appends text to a file and flushes it to the disk before resolving. */
  appendSynced(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Flushes a folder's entries (a rename in it) to the disk. */
  syncFolder(folder: string): Promise<void>;
  /** Replaces a file whole: a crash leaves the old content or the new. */
  writeFileAtomic(file: string, content: string): Promise<void>;
}

async function fsyncPath(file: string, flags: string): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const nodeFileOps: FileOps = {
  createWriteStream: (file) => createWriteStream(file, { flags: 'wx' }),
  fsync: (file) => fsyncPath(file, 'r+'),
  async appendSynced(file, text) {
    const handle = await open(file, 'a', 0o644);
    try {
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  syncFolder: (folder) => fsyncPath(folder, 'r'),
  writeFileAtomic: (file, content) => writeFileAtomic(file, content, 0o644),
};
