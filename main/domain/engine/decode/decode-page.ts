import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { decodeUserRecords, type DecodedRecord } from './record';

/** Longest stretch of decoding before other work (a socket, a timer, another shard) gets a turn. */
export const DECODE_SLICE_MS = 8;

/**
 * Decodes a page one user record at a time, handing each to `take` before the next is decoded
 * (so a page's inflated bytes are never all held at once), and gives the event loop a turn
 * whenever decoding has held it for a slice: a page of 10,000 records or of gzip bombs cannot
 * freeze the sockets, the timers or the other shards. `take` may return 'stop' to end early.
 */
export async function decodePage(
  shardId: string,
  records: readonly KinesisRecord[],
  take: (decoded: DecodedRecord) => void | 'stop' | Promise<void | 'stop'>,
): Promise<void> {
  let sliceStart = performance.now();
  for (const record of records) {
    for (const decoded of decodeUserRecords(shardId, record)) {
      const result = take(decoded);
      if ((result instanceof Promise ? await result : result) === 'stop') return;
      if (performance.now() - sliceStart >= DECODE_SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }
}
