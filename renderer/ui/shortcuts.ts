import { useEffect, useState } from 'react';
import { tinykeys } from 'tinykeys';
import { navigation } from '../state/navigation-slice';
import { restoreFocusIfLost } from './focus';
import { useAppStore } from '../state/store';

/** Every shortcut, as the help lists it. */
export const shortcuts: { keys: string; does: string }[] = [
  { keys: '/', does: 'Focus the filter or the first field of the page' },
  ...navigation.map(({ key, label }) => ({ keys: `g ${key}`, does: `Go to ${label}` })),
  { keys: 'Esc', does: 'Close a dialog or a list, then the record inspector or the stream’s detail' },
  { keys: 'Ctrl K', does: 'Go to a page or a stream by name (⌘K on a Mac)' },
  { keys: '?', does: 'Show these shortcuts' },
];

/** Keys typed into a field belong to the field, not to the shortcuts. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return Boolean(target?.closest('input, textarea, select, [contenteditable="true"]')) || Boolean(document.querySelector('dialog[open]'));
}

/**
 * Esc closes a side pane (the record inspector, a stream's detail) while it is open, unless the
 * key is someone else's first: a field, a dialog, an open list (which closes itself on Esc).
 */
export function useEscapeCloses(onClose: (() => void) | null): void {
  useEffect(() => {
    if (!onClose) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || typing(event)) return;
      if (document.querySelector('[role="combobox"][aria-expanded="true"]')) return;
      event.preventDefault();
      onClose();
      restoreFocusIfLost();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);
}

/** The window's shortcuts; gives whether the help is open and how to close it. */
export function useShortcuts(): { helpOpen: boolean; closeHelp(): void; paletteOpen: boolean; openPalette(): void; closePalette(): void } {
  const goTo = useAppStore((s) => s.goTo);
  const [helpOpen, setHelpOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
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
    for (const { key, page } of navigation) bindings[`g ${key}`] = unless(() => goTo(page));
    const unbind = tinykeys(window, bindings);
    // The palette opens from a field too (tinykeys leaves fields alone unless told): it is how
    // one leaves whatever one is typing in.
    const unbindPalette = tinykeys(
      window,
      {
        '$mod+k': (event) => {
          if (document.querySelector('dialog[open]')) return;
          event.preventDefault();
          setPaletteOpen(true);
        },
      },
      { ignore: (event) => event.repeat || event.isComposing },
    );
    return () => {
      unbind();
      unbindPalette();
    };
  }, [goTo]);
  return {
    helpOpen,
    closeHelp: () => setHelpOpen(false),
    paletteOpen,
    openPalette: () => setPaletteOpen(true),
    closePalette: () => setPaletteOpen(false),
  };
}
