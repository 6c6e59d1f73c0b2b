import { useEffect } from 'react';
import { useApi, useAppStore } from '../app/store';

/** The active connection, loaded once and kept current by `connections:changed` events. */
export function useActiveConnection() {
  const api = useApi();
  const connection = useAppStore((state) => state.connection);
  const error = useAppStore((state) => state.connectionError);
  const loadConnection = useAppStore((state) => state.loadConnection);
  const setConnection = useAppStore((state) => state.setConnection);

  useEffect(() => {
    void loadConnection();
    return api.on('connections:changed', setConnection);
  }, [api, loadConnection, setConnection]);

  return { connection, error };
}
