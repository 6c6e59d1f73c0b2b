import { useEffect } from 'react';
import type { Shard } from '../../../shared/contract';
import type { QueryState } from '../../api/query-state';
import { useAppStore } from '../../app/store';

/**
 * The shards of a stream, for a shard picker: asked for once the name is one the connection
 * lists (not on every keystroke of a name being typed), and again each time it is named anew.
 */
export function useStreamShards(stream: string): QueryState<readonly Shard[]> | null {
  const name = stream.trim();
  const known = useAppStore((s) => Boolean(name) && (s.streamRows?.some((row) => row.name === name && !row.gone) ?? false));
  const load = useAppStore((s) => s.loadShardList);
  const answer = useAppStore((s) => s.shardLists[name]);
  useEffect(() => {
    if (known) void load(name);
  }, [known, name, load]);
  return known ? (answer ?? { status: 'loading' }) : null;
}
