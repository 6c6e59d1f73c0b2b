import { useEffect } from 'react';
import { useAppStore } from '../state/store';
import { stopMessage } from '../ui/stop-message';

/**
 * The Consumers panel's feed for a stream: a session while the panel is shown, stopped when it
 * goes (main would stop it with the window anyway). Lease tables named by the user restart it.
 */
export function useConsumers(stream: string) {
  const watch = useAppStore((s) => s.watchConsumers);
  const stop = useAppStore((s) => s.stopConsumers);
  const report = useAppStore((s) => (s.consumersStream === stream ? s.consumersReport : null));
  const history = useAppStore((s) => s.lagHistory);
  const error = useAppStore((s) => s.consumersError);
  const leaseTables = useAppStore((s) => s.leaseTables);
  const sessionId = useAppStore((s) => s.consumersSession);
  const status = useAppStore((s) => (sessionId ? s.sessionStatuses[sessionId] : undefined));
  useEffect(() => {
    void watch(stream);
    return () => void stop();
  }, [stream, watch, stop]);
  return {
    report,
    history,
    error: error ?? stopMessage('consumer watch', status),
    leaseTables,
    setLeaseTables: (tables: string[]) => void watch(stream, tables),
  };
}
