import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { messageOf } from '../api/api-error';
import { useAppStore } from '../state/store';
import { EmptyState, ErrorState } from '../ui/States';

/** The connection's saved views: each can be removed; all can be exported as a file and a team's file imported. */
export function ViewsSection() {
  const views = useAppStore((s) => s.views);
  const loadError = useAppStore((s) => s.viewsError);
  const load = useAppStore((s) => s.loadViews);
  const remove = useAppStore((s) => s.removeView);
  const importViews = useAppStore((s) => s.importViews);
  const exportViews = useAppStore((s) => s.exportViews);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputId = useId();
  useEffect(() => void load(), [load]);

  const act = async (action: () => Promise<string>) => {
    setDone(null);
    try {
      setDone(await action());
      setProblem(null);
    } catch (error) {
      setProblem(messageOf(error));
    }
  };
  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    await act(async () => {
      await importViews(await file.text());
      return `Imported ${file.name}.`;
    });
    // The same file may be picked again once fixed.
    input.value = '';
  };
  const download = () =>
    act(async () => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([await exportViews()], { type: 'application/json' }));
      link.download = 'shardscope-views.json';
      link.click();
      URL.revokeObjectURL(link.href);
      return 'Exported the views.';
    });

  return (
    <section className="panel form" aria-labelledby="views-heading">
      <h2 id="views-heading">Saved views</h2>
      {loadError && <ErrorState title="Saved views" message={loadError} />}
      {views === null && !loadError && <p className="muted">Loading saved views…</p>}
      {views?.length === 0 && (
        <EmptyState title="No saved views" message="Save a search or a preview as a view to open it again from the command palette." />
      )}
      {views && views.length > 0 && (
        <ul className="plain-list" aria-label="Saved views">
          {views.map((view) => (
            <li key={view.name}>
              <strong>{view.name}</strong> — {view.page} of <span className="mono">{view.stream}</span>
              {view.note && <span className="muted"> · {view.note}</span>}{' '}
              <button
                type="button"
                className="button button--small"
                onClick={() => void act(async () => (await remove(view.name), `Removed ${view.name}.`))}
              >
                Remove <span className="visually-hidden">{view.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="toolbar">
        <label className="field__label" htmlFor={inputId}>
          Import views file
        </label>
        <input id={inputId} type="file" accept=".json,application/json" onChange={(e) => void read(e)} />
        <button type="button" className="button" disabled={!views?.length} onClick={() => void download()}>
          Export views
        </button>
      </div>
      {problem && (
        <p className="field__error" role="alert" aria-label="The views file was not imported">
          Nothing changed: {problem}
        </p>
      )}
      {done && (
        <p className="muted" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
