import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog>: focus moves into it and is trapped there, Esc closes it, and
 * the page behind is inert to pointer, keyboard and screen reader alike.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  // No close() on cleanup: it fires the close event, which would report a dismissal the user never
  // made (StrictMode runs effects twice); an unmounted dialog is gone, modal state and all.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onClose={onClose} onCancel={onClose}>
      <header className="dialog__header">
        <h2>{title}</h2>
        <button type="button" className="button" onClick={onClose} aria-label={`Close ${title.toLowerCase()}`}>
          Close
        </button>
      </header>
      <div className="dialog__body">{children}</div>
    </dialog>
  );
}
