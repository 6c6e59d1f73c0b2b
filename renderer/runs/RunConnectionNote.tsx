import { useAppStore } from '../state/store';
import type { RunFormValues } from './useRunForm';

/**
 * Which connection a "run again" reads with when it is not the active one, and what became of
 * one that cannot be opened any more: the active connection is then offered, never used unasked.
 */
export function RunConnectionNote({ values, onUseCurrent }: { values: RunFormValues; onUseCurrent(): void }) {
  const active = useAppStore((s) => s.connection);
  const current = active ? (active.kind === 'sandbox' ? 'sandbox' : active.label) : 'the current connection';
  if (values.connectionGone !== null)
    return (
      <div className="notice-box" role="alert">
        <p>
          The connection this run used, <strong>{values.connectionGone}</strong>, is not one Shardscope can open here any more.
        </p>
        <button type="button" className="button button--small" onClick={onUseCurrent}>
          Run on {current} instead
        </button>
      </div>
    );
  if (values.connection === null) return null;
  return (
    <p className="muted" role="note">
      Runs on <strong>{values.connectionLabel}</strong>, the connection the earlier run used.{' '}
      <button type="button" className="button button--small" onClick={onUseCurrent}>
        Run on {current} instead
      </button>
    </p>
  );
}
