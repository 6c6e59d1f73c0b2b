import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { decodeUserRecords, withSchema, type DecodedRecord } from './record';
import type { SchemaDecoding } from './schema/record-schemas';
import { inflateBudget } from './payload';

/** Longest stretch of decoding before other work (a socket, a timer, another shard) gets a turn. */
export const DECODE_SLICE_MS = 8;

/**
 * Decodes a page one user record at a time, handing each to `take` before the next is decoded
 * (so a page's inflated bytes are never all held at once), and gives the event loop a turn
 * whenever decoding has held it for a slice: a page of 10,000 records or of gzip bombs cannot
 * freeze the sockets, the timers or the other shards. `take` may return 'stop' to end early.
 * With `schemas`, each record is decoded by its schema too: the page waits only when a wire id is
 * met for the first time in the read, while its schema is resolved.
 */
export async function decodePage(
  shardId: string,
  records: readonly KinesisRecord[],
  take: (decoded: DecodedRecord) => void | 'stop' | Promise<void | 'stop'>,
  schemas?: SchemaDecoding,
  payloads = true,
): Promise<void> {
  let sliceStart = performance.now();
  for (const record of records) {
    const budget = inflateBudget();
    for (const plain of decodeUserRecords(shardId, record, payloads)) {
      let decoded = plain;
      if (schemas) {
        const outcome = schemas.decode(plain.bytes, budget);
        decoded = withSchema(plain, outcome instanceof Promise ? await outcome : outcome);
      }
      const result = take(decoded);
      if ((result instanceof Promise ? await result : result) === 'stop') return;
      if (performance.now() - sliceStart >= DECODE_SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }
}
