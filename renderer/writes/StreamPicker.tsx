import { useEffect, useId, useMemo } from 'react';
import { useAppStore } from '../app/store';

/** A stream of the active connection, picked from its list (a name can still be typed). */
export function StreamPicker({ label, value, onChange }: { label: string; value: string; onChange(name: string): void }) {
  const id = useId();
  const rows = useAppStore((s) => s.streamRows);
  const refresh = useAppStore((s) => s.refreshStreams);
  const names = useMemo(() => (rows ?? []).filter((row) => !row.gone).map((row) => row.name), [rows]);
  useEffect(() => {
    if (rows === null) void refresh();
  }, [rows, refresh]);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input mono"
        list={`${id}-streams`}
        value={value}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value.trim())}
      />
      <datalist id={`${id}-streams`}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </div>
  );
}
