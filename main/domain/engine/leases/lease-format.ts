import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { Checkpoint, LeaseFormat } from '../../../../shared/contract';
import { countUserRecords, isAggregated } from '../kpl/deaggregate';
import type { LeaseItem } from './lease-table';

/** One shard's lease as the KCL keeps it (see "The lease format" in docs/guide/consumers.md for the source of each attribute). */
export interface Lease {
  leaseKey: string;
  shardId: string;
  /** The stream a multi-stream lease names; null in a single-stream table, whose leases never say. */
  streamName: string | null;
  /** A multi-stream lease's stream creation time (epoch seconds): a stream deleted and made again is another stream. */
  streamEpoch: number | null;
  owner: string | null;
  counter: number | null;
  checkpoint: Checkpoint | null;
  pendingCheckpoint: Checkpoint | null;
  ownerSwitchesSinceCheckpoint: number | null;
  parentShardIds: string[];
  childShardIds: string[];
  format: LeaseFormat;
}

const SENTINELS = new Set(['TRIM_HORIZON', 'LATEST', 'SHARD_END', 'AT_TIMESTAMP']);
const SHARD_ID = /^shardId-\d{12}$/;

/** Strings from a stranger's table are cut to a sane length: they go to the screen every few seconds. */
const text = (value: AttributeValue | undefined): string | null =>
  value && 'S' in value && value.S !== undefined ? value.S.slice(0, 512) : null;
const number = (value: AttributeValue | undefined): number | null => {
  const raw = value && 'N' in value ? value.N : undefined;
  const parsed = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(parsed) ? parsed : null;
};
const strings = (value: AttributeValue | undefined): string[] =>
  value && 'SS' in value && Array.isArray(value.SS)
    ? value.SS.filter((s): s is string => typeof s === 'string')
        .slice(0, 16)
        .map((s) => s.slice(0, 256))
    : [];

/** A checkpoint attribute and its sub-sequence number: a sequence number, or one of the KCL's sentinels. */
export function parseCheckpoint(raw: string | null, subSequence: number | null): Checkpoint | null {
  if (raw === null) return null;
  if (SENTINELS.has(raw)) return { type: raw as 'TRIM_HORIZON' | 'LATEST' | 'SHARD_END' | 'AT_TIMESTAMP' };
  if (/^\d{1,128}$/.test(raw)) return { type: 'sequence', sequenceNumber: raw, subSequenceNumber: subSequence ?? 0 };
  return { type: 'unknown', raw: raw.slice(0, 200) };
}

/**
 * A multi-stream lease's key is `account:stream:creationEpoch:shardId` (KCL 2.3+); a
 * single-stream lease's key is the shard id itself.
 */
function splitLeaseKey(
  leaseKey: string,
  streamAttribute: string | null,
): { shardId: string; streamName: string | null; streamEpoch: number | null } {
  if (SHARD_ID.test(leaseKey)) return { shardId: leaseKey, streamName: null, streamEpoch: null };
  const parts = leaseKey.split(':');
  const shardId = parts.at(-1) ?? leaseKey;
  const identifier = streamAttribute ?? parts.slice(0, -1).join(':');
  const streamParts = identifier.split(':');
  if (streamParts.length < 3) return { shardId, streamName: identifier || null, streamEpoch: null };
  const epoch = Number(streamParts[2]);
  return { shardId, streamName: streamParts[1] ?? null, streamEpoch: Number.isFinite(epoch) ? epoch : null };
}

/**
 * Which KCL wrote it: 3.x adds throughput, a graceful-handoff owner and, in the single-table
 * format, `entityType`; 2.x adds the shard's hash range and children; 1.x has neither.
 */
function formatOf(item: LeaseItem): LeaseFormat {
  if ('entityType' in item || 'throughputKBps' in item || 'checkpointOwner' in item) return 'kcl-3';
  if ('startingHashKey' in item || 'childShardIds' in item || 'shardId' in item) return 'kcl-2';
  return 'kcl-1';
}

/** A lease, or null for an item that is not one (the KCL 3.x bookkeeping a table may also hold, or another table's item). */
export function parseLease(item: LeaseItem): Lease | null {
  // The KCL 3.x single-table format keeps other entities beside the leases; an item without a type is a lease.
  const entityType = text(item.entityType);
  if (entityType !== null && entityType !== 'LEASE') return null;
  // The key is used to write the lease back: never cut, and never longer than a KCL key can be.
  const rawKey = item.leaseKey && 'S' in item.leaseKey ? item.leaseKey.S : undefined;
  const leaseKey = typeof rawKey === 'string' && rawKey.length <= 512 ? rawKey : null;
  const counter = number(item.leaseCounter);
  if (leaseKey === null || counter === null || !('checkpoint' in item || 'leaseOwner' in item)) return null;
  const { shardId, streamName, streamEpoch } = splitLeaseKey(leaseKey, text(item.streamName));
  if (!SHARD_ID.test(shardId)) return null;
  const owner = text(item.leaseOwner);
  return {
    leaseKey,
    shardId,
    streamName,
    streamEpoch,
    owner: owner && owner !== 'NULL' ? owner : null,
    counter,
    checkpoint: parseCheckpoint(text(item.checkpoint), number(item.checkpointSubSequenceNumber)),
    pendingCheckpoint: parseCheckpoint(text(item.pendingCheckpoint), number(item.pendingCheckpointSubSequenceNumber)),
    ownerSwitchesSinceCheckpoint: number(item.ownerSwitchesSinceCheckpoint),
    // Singular in the KCL's name (PARENT_SHARD_ID_KEY), a string set all the same.
    parentShardIds: strings(item.parentShardId),
    childShardIds: strings(item.childShardIds),
    format: formatOf(item),
  };
}

/** A record counted as wholly processed: an aggregate to its last user record. */
export function processedThrough(record: KinesisRecord): Checkpoint {
  const data = record.Data ?? new Uint8Array();
  const users = isAggregated(data) ? countUserRecords(data) : null;
  return {
    type: 'sequence',
    sequenceNumber: record.SequenceNumber ?? '',
    subSequenceNumber: users?.ok ? Math.max(0, users.count - 1) : 0,
  };
}
