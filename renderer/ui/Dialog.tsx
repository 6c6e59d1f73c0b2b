import { useEffect, useRef, type ReactNode } from 'react';
import { restoreFocusIfLost } from './focus';

/**
 * A modal on the native <dialog>: focus moves into it and is trapped there, Esc closes it, and
 * the page behind is inert to pointer, keyboard and screen reader alike.
 */
export function Dialog({
  title,
  onClose,
  children,
  variant,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** A palette has no header: it is named for screen readers and closes on Esc or a choice. */
  variant?: 'palette';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // No close() on cleanup: it fires the close event, which would report a dismissal the user never
  // made (StrictMode runs effects twice); an unmounted dialog is gone, modal state and all.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element, which may be a wrapper with tabindex=-1;
      // a dialog that knows where typing starts marks it.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    // Closed by a choice (not by Esc, which the browser closes and refocuses itself), the dialog
    // leaves with the focus inside it.
    return restoreFocusIfLost;
  }, []);
  return (
    <dialog
      ref={ref}
      className={variant ? `dialog dialog--${variant}` : 'dialog'}
      aria-label={title}
      onClose={onClose}
      onCancel={onClose}
      onClick={(event) => variant && event.target === event.currentTarget && onClose()}
    >
      {!variant && (
        <header className="dialog__header">
          <h2>{title}</h2>
          <button type="button" className="button" onClick={onClose} aria-label={`Close ${title.toLowerCase()}`}>
            Close
          </button>
        </header>
      )}
      <div className="dialog__body">{children}</div>
    </dialog>
  );
}
