import { Command } from 'cmdk';
import { useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../state/store';
import type { Page } from '../state/navigation-slice';
import { recentStreams, rememberStream } from '../ui/picker/recent-streams';
import { Dialog } from '../ui/Dialog';
import { matchingViews, paletteEntries } from './palette-entries';
import './palette.css';

const streamActions: { page: Page; label: string }[] = [
  { page: 'preview', label: 'Preview' },
  { page: 'search', label: 'Search' },
  { page: 'throughput', label: 'Throughput of' },
  { page: 'permissions', label: 'Check permissions on' },
];

/**
 * Ctrl+K (⌘K): go to any page or open any stream by typing part of its name. cmdk gives the
 * listbox, the arrow keys and the announcements; the choices are our own (see paletteEntries).
 */
export function CommandPalette({ onClose }: { onClose(): void }) {
  const rows = useAppStore((s) => s.streamRows);
  const goTo = useAppStore((s) => s.goTo);
  const selectStream = useAppStore((s) => s.selectStream);
  const carryStream = useAppStore((s) => s.carryStream);
  const openChange = useAppStore((s) => s.openChange);
  const savedViews = useAppStore((s) => s.views);
  const loadViews = useAppStore((s) => s.loadViews);
  const openView = useAppStore((s) => s.openView);
  const [typed, setTyped] = useState('');
  const names = useMemo(() => (rows ?? []).filter((row) => !row.gone).map((row) => row.name), [rows]);
  const [recent] = useState(recentStreams);
  const entries = useMemo(() => paletteEntries(typed, names, recent), [typed, names, recent]);
  // Another tab or the CLI may have saved a view since this one last looked.
  useEffect(() => void loadViews(), [loadViews]);
  const views = useMemo(() => matchingViews(savedViews ?? [], typed), [savedViews, typed]);

  const run = (action: () => void) => {
    onClose();
    action();
  };
  const chooseStream = (name: string) => {
    rememberStream(name);
    carryStream(name);
  };

  return (
    <Dialog title="Go to a page or a stream" onClose={onClose} variant="palette">
      <Command label="Go to a page or a stream" shouldFilter={false} loop>
        <Command.Input
          className="input palette__input"
          value={typed}
          onValueChange={setTyped}
          placeholder={rows ? `a page, or one of ${names.length.toLocaleString()} streams` : 'a page (the stream list is loading)'}
          data-autofocus
        />
        <Command.List className="palette__list" label="Pages and streams">
          <Command.Empty className="palette__empty">Nothing is called that.</Command.Empty>
          {views.length > 0 && (
            <Command.Group heading="Saved views" className="palette__group">
              {views.map((view) => (
                <Command.Item
                  key={view.name}
                  value={`view:${view.name}`}
                  className="palette__item"
                  onSelect={() => run(() => openView(view))}
                >
                  Open view: {view.name}
                  <span className="muted">
                    {view.page} of <span className="mono">{view.stream}</span>
                  </span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {entries.streams.length > 0 && (
            <Command.Group heading="Streams" className="palette__group">
              {entries.streams.map((name) => (
                <Command.Item
                  key={name}
                  value={`stream:${name}`}
                  className="palette__item"
                  onSelect={() =>
                    run(() => {
                      chooseStream(name);
                      goTo('streams');
                      selectStream(name);
                    })
                  }
                >
                  <span className="mono">{name}</span>
                  {!typed.trim() && recent.includes(name) && <span className="muted">recent</span>}
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {entries.topStream && (
            <Command.Group heading={`With ${entries.topStream}`} className="palette__group">
              {streamActions.map((action) => (
                <Command.Item
                  key={action.page}
                  value={`${action.page}:${entries.topStream}`}
                  className="palette__item"
                  onSelect={() =>
                    run(() => {
                      chooseStream(entries.topStream!);
                      goTo(action.page);
                    })
                  }
                >
                  {action.label}
                  <span className="mono">{entries.topStream}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {entries.pages.length > 0 && (
            <Command.Group heading="Pages" className="palette__group">
              {entries.pages.map((item) => (
                <Command.Item
                  key={item.page}
                  value={`page:${item.page}`}
                  className="palette__item"
                  onSelect={() => run(() => goTo(item.page))}
                >
                  {item.command ?? item.label}
                  <kbd className="palette__keys">g {item.key}</kbd>
                </Command.Item>
              ))}
              {!typed.trim() && (
                <Command.Item
                  value="action:create-stream"
                  className="palette__item"
                  onSelect={() =>
                    run(() => {
                      goTo('streams');
                      openChange({ kind: 'create', stream: '' });
                    })
                  }
                >
                  Create a stream…
                </Command.Item>
              )}
            </Command.Group>
          )}
        </Command.List>
      </Command>
    </Dialog>
  );
}
