import { useEffect } from 'react';
import { useAppStore } from '../app/store';
import type { WriteTargetFacts } from './ConfirmWrite';

/** The facts the confirmation names for a stream of the active connection: its account comes from the stream's ARN. */
export function useWriteTarget(stream: string): WriteTargetFacts | null {
  const connection = useAppStore((s) => s.connection);
  const target = useAppStore((s) => s.writeTarget);
  const describe = useAppStore((s) => s.describeWriteTarget);
  // Once the name stops changing: a describe per keystroke would spend the account's call limit.
  useEffect(() => {
    if (!stream) return;
    const timer = setTimeout(() => void describe(stream), 300);
    return () => clearTimeout(timer);
  }, [stream, describe]);
  if (!connection || !stream) return null;
  const detail = target?.stream === stream && target.state.status === 'ok' ? target.state.data : null;
  return {
    connection: connection.label,
    account: detail?.arn.split(':')[4] || null,
    region: connection.region,
    stream,
    readOnly: connection.readOnly,
    sandbox: connection.kind === 'sandbox',
  };
}
