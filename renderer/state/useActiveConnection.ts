import { useEffect } from 'react';
import { useAppStore } from './store';

/** The active connection, loaded once; the store keeps it current from `connections:changed` events. */
export function useActiveConnection() {
  const connection = useAppStore((state) => state.connection);
  const error = useAppStore((state) => state.connectionError);
  const loadConnection = useAppStore((state) => state.loadConnection);

  useEffect(() => void loadConnection(), [loadConnection]);

  return { connection, error };
}
