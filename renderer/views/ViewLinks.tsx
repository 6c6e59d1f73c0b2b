import { useEffect, useState } from 'react';
import { parseViewLink, VIEW_LINK_KEY, type SavedView } from '../../shared/contract';
import { messageOf } from '../api/api-error';
import { useAppStore } from '../state/store';
import { connectionName } from '../state/views-state';
import { Dialog } from '../ui/Dialog';

/** Reads `#view=…` from the address (on load and when it changes), then takes it out of the address. */
function useViewInAddress(): void {
  const receive = useAppStore((s) => s.receiveLinkedView);
  useEffect(() => {
    const take = () => {
      const link = parseViewLink(window.location.hash);
      if (!link) return;
      const rest = new URLSearchParams(window.location.hash.slice(1));
      rest.delete(VIEW_LINK_KEY);
      const hash = rest.toString();
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search + (hash ? `#${hash}` : ''));
      receive(link);
    };
    take();
    window.addEventListener('hashchange', take);
    return () => window.removeEventListener('hashchange', take);
  }, [receive]);
}

/**
 * A view that came in a link: opened at once on the connection it names when that one is active,
 * otherwise the user chooses the connection; a link that is not a view is refused, naming the field.
 */
export function ViewLinks() {
  useViewInAddress();
  const view = useAppStore((s) => s.linkedView);
  const refused = useAppStore((s) => s.linkedViewError);
  const connection = useAppStore((s) => s.connection);
  const openView = useAppStore((s) => s.openView);
  const dismiss = useAppStore((s) => s.dismissLinkedView);
  const here = connectionName(connection);

  useEffect(() => {
    if (view && connection && view.connection === here) {
      dismiss();
      openView(view);
    }
  }, [view, connection, here, dismiss, openView]);

  if (refused)
    return (
      <Dialog title="The link's view was refused" onClose={dismiss}>
        <p role="alert">Nothing was opened. {refused}</p>
      </Dialog>
    );
  if (!view || !connection || view.connection === here) return null;
  return <ChooseConnection view={view} current={here} onClose={dismiss} />;
}

function ChooseConnection({ view, current, onClose }: { view: SavedView; current: string; onClose(): void }) {
  const list = useAppStore((s) => s.connectionList);
  const loadList = useAppStore((s) => s.loadConnectionList);
  const activate = useAppStore((s) => s.activateConnection);
  const openView = useAppStore((s) => s.openView);
  const names = [current, ...(list?.profiles ?? []).map((profile) => profile.name).filter((name) => name !== current)];
  const [chosen, setChosen] = useState(names.includes(view.connection) ? view.connection : current);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void loadList(), [loadList]);

  const open = async () => {
    try {
      if (chosen !== current) await activate(chosen);
      onClose();
      openView(view);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <Dialog title={`Open the view ${view.name}`} onClose={onClose}>
      <form
        className="form"
        aria-label="Choose the view's connection"
        onSubmit={(event) => {
          event.preventDefault();
          void open();
        }}
      >
        <p>
          This view was saved on the connection <strong>{view.connection}</strong>
          {names.includes(view.connection) ? ', which is not the one in use here.' : ', which this app does not have.'} Which connection
          should it read <span className="mono">{view.stream}</span> on?
        </p>
        <label className="field__label" htmlFor="view-connection">
          Connection
        </label>
        <select id="view-connection" className="select" value={chosen} onChange={(e) => setChosen(e.target.value)} data-autofocus>
          {names.map((name) => (
            <option key={name} value={name}>
              {name === current ? `${name} (in use)` : name}
            </option>
          ))}
        </select>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            Open view
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
