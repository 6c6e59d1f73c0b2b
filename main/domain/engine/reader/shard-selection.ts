import type { Shard, StartPosition } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';

/** The shards asked for; naming one the stream does not have is the caller's mistake, said at once. */
export function selectShards(
  shards: Shard[],
  { shardIds, position, stream }: { shardIds?: readonly string[]; position: StartPosition; stream: string },
): Shard[] {
  const named = [...(shardIds ?? []), ...('shardId' in position ? [position.shardId] : [])];
  const known = new Set(shards.map((s) => s.shardId));
  const unknown = named.filter((id) => !known.has(id));
  if (unknown.length) {
    const list = shards
      .map((s) => s.shardId)
      .slice(0, 20)
      .join(', ');
    throw new AppError(
      'invalid-input',
      `Stream ${stream} has no shard ${unknown.join(', ')}. Its shards: ${list}${shards.length > 20 ? ', …' : ''}.`,
    );
  }
  if (!shardIds) return shards;
  // The shards asked for and every descendant: what they hold goes on in their children after a reshard.
  const chosen = new Set(shardIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of shards) {
      if (!chosen.has(s.shardId) && [s.parentShardId, s.adjacentParentShardId].some((p) => p !== null && chosen.has(p))) {
        chosen.add(s.shardId);
        grew = true;
      }
    }
  }
  return shards.filter((s) => chosen.has(s.shardId));
}

/** Where a read starts: the shard of a sequence number, the open shards for LATEST, else the oldest of those selected. */
export function initialShards(shards: Shard[], position: StartPosition): Shard[] {
  if (position.type === 'AT_SEQUENCE_NUMBER' || position.type === 'AFTER_SEQUENCE_NUMBER')
    return shards.filter((s) => s.shardId === position.shardId);
  // Closed shards get no new records: LATEST starts on the open ones only.
  if (position.type === 'LATEST') return shards.filter((s) => s.open);
  const ids = new Set(shards.map((s) => s.shardId));
  return shards.filter(
    (s) => !(s.parentShardId && ids.has(s.parentShardId)) && !(s.adjacentParentShardId && ids.has(s.adjacentParentShardId)),
  );
}
