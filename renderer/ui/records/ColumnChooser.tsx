import { useEffect, useId, useRef, useState } from 'react';
import { RECORD_COLUMN_IDS, shownColumnIds } from '../../state/record-columns';
import { useAppStore } from '../../state/store';
import { recordColumnLabels } from './RecordTable';

/**
 * "Columns": a checkbox per record column, kept for the stream and saved with a view. The last
 * column shown cannot be unchecked. Esc or a click elsewhere closes the list.
 */
export function ColumnChooser({ stream }: { stream: string }) {
  const choice = useAppStore((s) => s.recordColumns[stream]);
  const show = useAppStore((s) => s.showRecordColumn);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const shown = shownColumnIds(choice);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      ref={root}
      className="column-chooser"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        // Esc closes this list, not the record inspector beside it.
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={!stream}
        title={stream ? `${shown.length} of ${RECORD_COLUMN_IDS.length} columns shown` : 'Choose a stream first'}
        onClick={() => setOpen(!open)}
      >
        Columns
      </button>
      <fieldset id={panelId} className="column-chooser__panel" hidden={!open}>
        <legend>Columns shown</legend>
        {RECORD_COLUMN_IDS.map((id) => {
          const checked = shown.includes(id);
          const last = checked && shown.length === 1;
          return (
            <label key={id} className="radio" title={last ? 'One column is always shown' : undefined}>
              <input type="checkbox" checked={checked} disabled={last} onChange={(e) => show(stream, id, e.target.checked)} />
              {recordColumnLabels[id]}
            </label>
          );
        })}
      </fieldset>
    </div>
  );
}
