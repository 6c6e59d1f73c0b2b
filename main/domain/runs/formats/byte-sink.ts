import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createGzip, type Gzip } from 'node:zlib';
import { nodeFileOps, type FileOps } from '../../engine/files/file-ops';

/**
 * A file written through a stream (gzip optional) with back-pressure, counting the bytes that
 * reach the disk, and flushed to the disk (fsync) when it closes.
 */
export class ByteSink {
  private readonly file: WriteStream;
  private readonly head: WriteStream | Gzip;
  private pending: string[] = [];
  private pendingLength = 0;
  /** Rejects with the first error of either stream, so a wait for 'drain' cannot hang on a broken file. */
  private readonly broken: Promise<never>;

  constructor(
    private readonly path: string,
    gzip: boolean,
    private readonly ops: FileOps = nodeFileOps,
  ) {
    this.file = ops.createWriteStream(path);
    this.head = gzip ? createGzip() : this.file;
    if (gzip) this.head.pipe(this.file);
    // Errors surface where they can be acted on: the next write or close.
    this.broken = new Promise<never>((_, reject) => {
      this.file.once('error', reject);
      this.head.once('error', reject);
    });
    this.broken.catch(() => {});
  }

  /** Bytes on disk so far, plus what is still buffered here (uncompressed: an overestimate under gzip). */
  get bytes(): number {
    return this.file.bytesWritten + this.pendingLength;
  }

  /** Buffers text; every 1 MiB it is handed to the stream, waiting if the stream is behind. */
  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 1024 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (this.file.errored) throw this.file.errored;
    if (!this.head.write(chunk)) await Promise.race([once(this.head, 'drain'), this.broken]);
  }

  async close(): Promise<number> {
    await this.flush();
    const finished = once(this.file, 'close');
    this.head.end();
    await Promise.race([finished, this.broken]);
    // A file system may report a lost write only here (NFS, a quota): the file is complete once this succeeds.
    await this.ops.fsync(this.path);
    return this.file.bytesWritten;
  }

  async abandon(): Promise<void> {
    this.head.destroy();
    this.file.destroy();
    await rm(this.path, { force: true });
  }
}
