import type { ShardBudget } from '../../engine/reader/read-budget';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { WrittenEntry } from '../record-writer';
import { findWritten } from './copy-verify';

/**
 * What a copy knows it has written to its target: the last sequence number on each target shard
 * (its own, copied into the manifest each time the manifest is saved, so a manifest that fails
 * to save is not changed behind its back), and how to find out, after an answer was lost, which
 * records of a call landed after those marks.
 */
export class TargetLedger {
  private readonly current: Record<string, string>;

  constructor(
    private readonly target: { client: KinesisClient; budget?: (shardId: string) => ShardBudget },
    private readonly stream: string,
    saved: Readonly<Record<string, string>>,
  ) {
    this.current = { ...saved };
  }

  /** The marks as they stand, to save with the manifest. */
  get marks(): Record<string, string> {
    return { ...this.current };
  }

  /** A record the target accepted moves the mark on its shard. */
  note({ shardId, sequenceNumber }: WrittenEntry): void {
    if (!shardId || !sequenceNumber) return;
    const mark = this.current[shardId];
    if (!mark || BigInt(sequenceNumber) > BigInt(mark)) this.current[shardId] = sequenceNumber;
  }

  /** Which of the records sent (by digest) are in the target after `after`'s marks; what is found moves the marks. */
  async landed(digests: readonly string[], sentAt: string, after: Readonly<Record<string, string>> = this.marks) {
    const found: Map<number, WrittenEntry> = await findWritten({ ...this.target, stream: this.stream, sentAt, digests, after });
    for (const written of found.values()) this.note(written);
    return found;
  }
}
