import { useState } from 'react';
import { MAX_VIEW_NAME, MAX_VIEW_NOTE, viewLinkFragment, type SavedView } from '../../../shared/contract';
import { messageOf } from '../../api/api-error';
import { useAppStore } from '../../state/store';
import { connectionName } from '../../state/views-state';
import { Dialog } from '../Dialog';

/** The address that opens this view in the browser host; the access token is not part of it. */
export function viewLink(view: SavedView): string {
  return `${window.location.origin}${window.location.pathname}#${viewLinkFragment(view)}`;
}

/**
 * "Save as view…": names the page's current settings and keeps them for this connection. The
 * view records whether reads were masked; opening it never switches the unmasked view on.
 */
export function SaveViewDialog({
  page,
  stream,
  settings,
  onClose,
}: {
  page: SavedView['page'];
  stream: string;
  settings: SavedView['settings'];
  onClose(): void;
}) {
  const connection = useAppStore((s) => s.connection);
  const unmasked = useAppStore((s) => s.masking?.unmasked ?? false);
  const save = useAppStore((s) => s.saveView);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedView | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the browser host serves pages at an address another tab can open.
  const linkable = !window.shardscope;

  const submit = async () => {
    const view: SavedView = { name: name.trim(), note, connection: connectionName(connection), stream, page, settings, masked: !unmasked };
    setBusy(true);
    try {
      await save(view);
      setSaved(view);
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Save as view" onClose={onClose}>
      <form
        className="form"
        aria-label="Save as view"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="muted">
          Keeps the {page === 'search' ? 'search' : 'preview'} of <span className="mono">{stream}</span> and its settings for this
          connection. A view holds no records and no secrets.
        </p>
        <label className="field__label" htmlFor="view-name">
          Name
        </label>
        <input
          id="view-name"
          className="input"
          value={name}
          maxLength={MAX_VIEW_NAME}
          required
          onChange={(e) => setName(e.target.value)}
          data-autofocus
        />
        <label className="field__label" htmlFor="view-note">
          Note
        </label>
        <textarea
          id="view-note"
          className="input"
          rows={2}
          value={note}
          maxLength={MAX_VIEW_NOTE}
          onChange={(e) => setNote(e.target.value)}
        />
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        {saved && (
          <div role="status" aria-label="View saved">
            <p>Saved {saved.name}. Open it from the command palette (Ctrl+K).</p>
            {linkable && (
              <>
                <label className="field__label" htmlFor="view-link">
                  Link to this view (without the access token)
                </label>
                <input id="view-link" className="input mono" readOnly value={viewLink(saved)} onFocus={(e) => e.target.select()} />
              </>
            )}
          </div>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || !name.trim()}>
            Save view
          </button>
          <button type="button" className="button" onClick={onClose}>
            {saved ? 'Done' : 'Cancel'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
