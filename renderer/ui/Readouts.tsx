/**
 * Current values as a row of labelled tiles; each is a status whose accessible name carries its
 * value. Not a definition list: a status role on a list's group breaks the list's structure for
 * assistive technology (axe: definition-list, dlitem), and the name already pairs term and value.
 */
export function Readouts({ label, items }: { label: string; items: readonly (readonly [string, string])[] }) {
  return (
    <div className="readouts" role="group" aria-label={label}>
      {items.map(([name, value]) => (
        <div key={name} className="readout" role="status" aria-label={`${name}: ${value}`}>
          <div className="readout__name">{name}</div>
          <div className="readout__value">{value}</div>
        </div>
      ))}
    </div>
  );
}
