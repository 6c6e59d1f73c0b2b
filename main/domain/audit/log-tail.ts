import { open } from 'node:fs/promises';

/** Far past any entry Shardscope writes: a last line longer than this is not one of its own. */
const MAX_LINE_BYTES = 1024 * 1024;
const BLOCK_BYTES = 64 * 1024;

/**
 * The last complete line of a log, read backwards from its end a block at a time, so that an
 * append costs the same whatever the log's length. A torn last line (a writer killed mid-write,
 * no newline after it) is cut off: its entry was never complete, and the chain goes on from the
 * line before it. Null for an empty or missing file.
 */
export async function lastCompleteLine(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const size = (await handle.stat()).size;
    let tail = Buffer.alloc(0);
    let at = size;
    // Newlines found in what is read so far, from the end: the last one ends the last complete line.
    for (;;) {
      const ends = newlines(tail);
      if (ends.length >= 2 || (ends.length === 1 && at === 0)) {
        const end = ends[0]!;
        if (at + end + 1 < size) await handle.truncate(at + end + 1);
        const start = ends.length >= 2 ? ends[1]! + 1 : 0;
        return tail.subarray(start, end).toString('utf8');
      }
      if (at === 0) {
        // No newline at all: one torn line, or nothing.
        if (size > 0) await handle.truncate(0);
        return null;
      }
      if (tail.length > MAX_LINE_BYTES)
        throw new Error(`the last line of ${file} is longer than ${MAX_LINE_BYTES} bytes: it is not an audit entry`);
      const length = Math.min(BLOCK_BYTES, at);
      at -= length;
      const block = Buffer.alloc(length);
      await handle.read(block, 0, length, at);
      tail = Buffer.concat([block, tail]);
    }
  } finally {
    await handle.close();
  }
}

/** Positions of the last two newlines, last first. */
function newlines(bytes: Buffer): number[] {
  const last = bytes.lastIndexOf(0x0a);
  if (last < 0) return [];
  const before = last === 0 ? -1 : bytes.lastIndexOf(0x0a, last - 1);
  return before < 0 ? [last] : [last, before];
}
