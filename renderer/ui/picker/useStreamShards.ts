import { useEffect, useMemo } from 'react';
import type { Shard } from '../../../shared/contract';
import type { QueryState } from '../../api/query-state';
import { useAppStore } from '../../state/store';
import { selectConnectionKey } from '../../state/connection-state';
import { shardListKey } from '../../state/streams-state';

/**
 * The shards of a stream, for a shard picker: asked for once the name is one the connection
 * lists (not on every keystroke of a name being typed), and again each time it is named anew.
 */
export function useStreamShards(stream: string): QueryState<readonly Shard[]> | null {
  const name = stream.trim();
  const rows = useAppStore((s) => s.streamRows);
  const known = useMemo(() => Boolean(name) && (rows?.some((row) => row.name === name && !row.gone) ?? false), [rows, name]);
  const load = useAppStore((s) => s.loadShardList);
  const connection = useAppStore(selectConnectionKey);
  const answer = useAppStore((s) => s.shardLists[shardListKey(connection, name)]);
  useEffect(() => {
    if (known) void load(name);
  }, [known, name, load, connection]);
  return known ? (answer ?? { status: 'loading' }) : null;
}
