import { useEffect, useState } from 'react';
import { tinykeys } from 'tinykeys';
import type { Page } from './navigation-slice';
import { useAppStore } from './store';

/** Every shortcut, as the help lists it. */
export const shortcuts: { keys: string; does: string }[] = [
  { keys: '/', does: 'Focus the filter or the first field of the page' },
  { keys: 'g s', does: 'Go to Streams' },
  { keys: 'g p', does: 'Go to Live preview' },
  { keys: 'g f', does: 'Go to Search' },
  { keys: 'g t', does: 'Go to Throughput' },
  { keys: 'g r', does: 'Go to Runs' },
  { keys: 'g c', does: 'Go to Connections' },
  { keys: 'Esc', does: 'Close a dialog or a list' },
  { keys: '?', does: 'Show these shortcuts' },
];

const goKeys: Record<string, Page> = { s: 'streams', p: 'preview', f: 'search', t: 'throughput', r: 'runs', c: 'connections' };

/** Keys typed into a field belong to the field, not to the shortcuts. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return Boolean(target?.closest('input, textarea, select, [contenteditable="true"]')) || Boolean(document.querySelector('dialog[open]'));
}

/** The window's shortcuts; gives whether the help is open and how to close it. */
export function useShortcuts(): { helpOpen: boolean; closeHelp(): void } {
  const goTo = useAppStore((s) => s.goTo);
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const unless = (run: () => void) => (event: KeyboardEvent) => {
      if (typing(event)) return;
      event.preventDefault();
      run();
    };
    const bindings: Record<string, (event: KeyboardEvent) => void> = {
      '/': unless(() => {
        const main = document.getElementById('main');
        const field =
          main?.querySelector<HTMLElement>('[data-shortcut="filter"]') ?? main?.querySelector<HTMLElement>('input, select, textarea');
        field?.focus();
      }),
      'Shift+?': unless(() => setHelpOpen(true)),
    };
    for (const [key, page] of Object.entries(goKeys)) bindings[`g ${key}`] = unless(() => goTo(page));
    return tinykeys(window, bindings);
  }, [goTo]);
  return { helpOpen, closeHelp: () => setHelpOpen(false) };
}
