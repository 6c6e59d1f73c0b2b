import { useEffect } from 'react';
import { useAppStore } from '../app/store';

const AUTO_REFRESH_MS = 15_000;

/** The stream list, loaded on mount and refreshed in the background while it is shown. */
export function useStreamList() {
  const streamList = useAppStore((state) => state.streamList);
  const loading = useAppStore((state) => state.streamsLoading);
  const error = useAppStore((state) => state.streamsError);
  const loadedAt = useAppStore((state) => state.streamsLoadedAt);
  const refresh = useAppStore((state) => state.refreshStreams);
  const clear = useAppStore((state) => state.clearStreams);
  // A different connection means a different list: start over rather than show stale names.
  const connectionKey = useAppStore((state) => (state.connection ? `${state.connection.kind}:${state.connection.label}:${state.connection.region}` : ''));

  useEffect(() => {
    clear();
    void refresh();
    const timer = setInterval(() => void refresh(), AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh, clear, connectionKey]);

  return { streamList, loading, error, loadedAt, refresh };
}
