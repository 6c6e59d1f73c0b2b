import { StreamCombobox } from '../ui/picker/StreamCombobox';

/** A stream of the active connection, picked from its list (a name can still be typed). */
export function StreamPicker({ label, value, onChange }: { label: string; value: string; onChange(name: string): void }) {
  return (
    <div className="field">
      <StreamCombobox label={label} visibleLabel value={value} onChange={(name) => onChange(name.trim())} />
    </div>
  );
}
