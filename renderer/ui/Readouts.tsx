/** Current values as a row of labelled tiles; each is a status whose accessible name carries its value. */
export function Readouts({ label, items }: { label: string; items: readonly (readonly [string, string])[] }) {
  return (
    <dl className="readouts" aria-label={label}>
      {items.map(([name, value]) => (
        <div key={name} className="readout" role="status" aria-label={`${name}: ${value}`}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
