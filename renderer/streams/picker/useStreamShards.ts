import { useEffect, useState } from 'react';
import type { Shard } from '../../../shared/contract';
import { settle, type QueryState } from '../../api/query-state';
import { useApi, useAppStore } from '../../app/store';

/**
 * The shards of a stream, for a shard picker: asked for once the name is one the connection
 * lists (not on every keystroke of a name being typed), and again when the name changes.
 */
export function useStreamShards(stream: string): QueryState<readonly Shard[]> | null {
  const api = useApi();
  const name = stream.trim();
  const known = useAppStore((s) => Boolean(name) && (s.streamRows?.some((row) => row.name === name && !row.gone) ?? false));
  const [answer, setAnswer] = useState<{ stream: string; state: QueryState<readonly Shard[]> } | null>(null);

  useEffect(() => {
    if (!known) return;
    let current = true;
    void settle(api.streams.shards({ name })).then((state) => {
      if (current) setAnswer({ stream: name, state: state.status === 'ok' ? { status: 'ok', data: state.data.shards } : state });
    });
    return () => {
      current = false;
    };
  }, [api, name, known]);

  if (!known) return null;
  return answer?.stream === name ? answer.state : { status: 'loading' };
}
