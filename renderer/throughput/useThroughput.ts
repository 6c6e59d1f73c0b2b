import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store';
import { stopMessage } from '../ui/stop-message';

/** The meter's samples while the page is shown; paused charts keep their picture while samples keep coming. */
export function useThroughput() {
  const state = useAppStore(
    useShallow((s) => ({
      stream: s.metricsStream,
      sessionId: s.metricsSession,
      sessionStatus: s.metricsSession ? s.sessionStatuses[s.metricsSession] : undefined,
      samples: s.samples,
      frozen: s.frozenSamples,
      startError: s.metricsError,
    })),
  );
  const stop = useAppStore((s) => s.stopMetrics);

  // Leaving the page stops the meter's readers in main.
  useEffect(() => () => void stop(), [stop]);

  const shown = state.frozen ?? state.samples;
  const latest = shown.at(-1) ?? null;
  const shardIds = useMemo(() => [...new Set(shown.flatMap((s) => s.shards.map((shard) => shard.shardId)))].sort(), [shown]);
  const session = state.sessionId !== null && state.sessionStatus?.state !== 'stopped' ? state.sessionId : null;
  const error = state.startError ?? stopMessage('meter', state.sessionStatus);
  return { ...state, session, error, paused: state.frozen !== null, shown, latest, shardIds };
}
