import type { ShardBudget } from '../../reader/read-budget';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { WrittenEntry } from '../record-writer';
import { findWritten } from './copy-verify';

/**
 * What a copy knows it has written to its target: the last sequence number on each target shard
 * (kept in the manifest, whose object it shares), and how to find out, after an answer was lost,
 * which records of a call landed after those marks.
 */
export class TargetLedger {
  constructor(
    private readonly target: { client: KinesisClient; budget?: (shardId: string) => ShardBudget },
    private readonly stream: string,
    /** The manifest's own targetMarks: updated in place, saved with the manifest. */
    readonly marks: Record<string, string>,
  ) {}

  /** A record the target accepted moves the mark on its shard. */
  note({ shardId, sequenceNumber }: WrittenEntry): void {
    if (!shardId || !sequenceNumber) return;
    if (!this.marks[shardId] || BigInt(sequenceNumber) > BigInt(this.marks[shardId])) this.marks[shardId] = sequenceNumber;
  }

  /** Which of the records sent (by digest) are in the target after `after`'s marks; what is found moves the marks. */
  async landed(digests: readonly string[], sentAt: string, after: Readonly<Record<string, string>> = { ...this.marks }) {
    const found: Map<number, WrittenEntry> = await findWritten({ ...this.target, stream: this.stream, sentAt, digests, after });
    for (const written of found.values()) this.note(written);
    return found;
  }
}
