import type { RunSummary } from '../../shared/contract';
import { Dialog } from '../ui/Dialog';
import { count } from '../ui/format';

/**
 * Asks before a failed run starts over in its own folder, saying exactly what goes: the files the
 * run wrote, its rejects and its run.json (what the CLI's ingest --restart removes too).
 */
export function StartOverDialog({
  run,
  connectionNote,
  onConfirm,
  onClose,
}: {
  run: RunSummary;
  /** Which connection it will read with, when that is worth saying. */
  connectionNote: string | null;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <Dialog title="Start this run over" onClose={onClose}>
      <p>
        This removes what the failed run of <strong>{run.stream}</strong> wrote to <span className="mono">{run.folder}</span>: its{' '}
        {count(run.files)} complete {run.files === 1 ? 'file' : 'files'}, its {count(run.rejects)} rejected{' '}
        {run.rejects === 1 ? 'record' : 'records'} and its run record. Then it reads the stream again from the start of its range into the
        same folder. Other files in the folder stay.
      </p>
      {connectionNote && <p className="muted">{connectionNote}</p>}
      <div className="form__actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Keep the files
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm}>
          Remove them and start over
        </button>
      </div>
    </Dialog>
  );
}
