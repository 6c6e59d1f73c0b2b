import Module from 'node:module';

/**
 * kinesalite's own code, as the sandbox corrects it. Each correction makes it answer as Kinesis does
 * where it otherwise would not answer at all.
 */

type Callback = (error: Error | null, result?: unknown) => void;
type Action = (store: KinesaliteStore, data: Record<string, unknown>, cb: Callback) => void;

interface KinesaliteStore {
  getStreamDb(streamName: string): {
    createReadStream(range: { gt: string; lt: string }): NodeJS.ReadableStream & { destroy(): void };
  };
}

interface KinesaliteDb {
  resolveShardId(shardId: unknown): { shardId: string; shardIx: number };
  shardIxToHex(shardIx: number): string;
}

interface StoredRecord {
  key: string;
  value: { ApproximateArrivalTimestamp: number };
}

let corrected = false;

/**
 * Corrects kinesalite before its server module loads (it takes its actions once, at load).
 *
 * GetShardIterator AT_TIMESTAMP: kinesalite looks for the shard's first record at or after the time
 * and, when there is none, never answers: the caller waits out its timeout. Kinesis answers with an
 * iterator at the tip. A search of the last 15 minutes on a shard written to only earlier is the
 * everyday case. Here, with no such record, the iterator is taken just after the shard's last record
 * (or at its start when it has none), which reads exactly the records that arrive from then on.
 */
export async function correctKinesalite(): Promise<void> {
  if (corrected) return;
  const loaded = (await import('kinesalite/actions/getShardIterator.js')) as unknown as { default: Action };
  const db = ((await import('kinesalite/db/index.js')) as unknown as { default: KinesaliteDb }).default;
  const original = loaded.default;
  const cache = (Module as unknown as { _cache: Record<string, { exports: unknown } | undefined> })._cache;
  const entry = Object.values(cache).find((module) => module?.exports === original);
  if (!entry) throw new Error('kinesalite has changed: its GetShardIterator action was not found to correct');
  entry.exports = atTimestampAnswered(original, db);
  corrected = true;
}

function atTimestampAnswered(original: Action, db: KinesaliteDb): Action {
  return (store, data, cb) => {
    const timestamp = data.Timestamp;
    // Everything but a valid AT_TIMESTAMP, and its errors, stay kinesalite's own.
    if (data.ShardIteratorType !== 'AT_TIMESTAMP' || typeof timestamp !== 'number' || timestamp * 1000 > Date.now())
      return original(store, data, cb);
    let shardIx: number;
    try {
      shardIx = db.resolveShardId(data.ShardId).shardIx;
    } catch {
      return original(store, data, cb);
    }
    const records = store.getStreamDb(String(data.StreamName)).createReadStream({
      gt: db.shardIxToHex(shardIx),
      lt: db.shardIxToHex(shardIx + 1),
    });
    let lastSequence: string | null = null;
    let settled = false;
    const settle = (request: Record<string, unknown>) => {
      if (settled) return;
      settled = true;
      original(store, request, cb);
    };
    records.on('data', (record: StoredRecord) => {
      if (record.value.ApproximateArrivalTimestamp >= timestamp) {
        settle(data);
        records.destroy();
      } else lastSequence = record.key.split('/')[1] ?? lastSequence;
    });
    records.on('end', () => {
      const { Timestamp: _timestamp, ...rest } = data;
      settle(
        lastSequence
          ? { ...rest, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: lastSequence }
          : { ...rest, ShardIteratorType: 'TRIM_HORIZON' },
      );
    });
    records.on('error', () => settle(data));
  };
}
