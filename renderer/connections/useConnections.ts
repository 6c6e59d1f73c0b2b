import { useEffect } from 'react';
import { useAppStore } from '../state/store';

/** The saved connections, the keychain's state and each connection's last test; the store reloads them on switches. */
export function useConnections() {
  const list = useAppStore((state) => state.connectionList);
  const error = useAppStore((state) => state.connectionListError);
  const tests = useAppStore((state) => state.connectionTests);
  const load = useAppStore((state) => state.loadConnectionList);
  const activate = useAppStore((state) => state.activateConnection);
  const test = useAppStore((state) => state.testConnection);
  const remove = useAppStore((state) => state.removeProfile);

  useEffect(() => void load(), [load]);

  return { list, error, tests, reload: load, activate, test, remove };
}
