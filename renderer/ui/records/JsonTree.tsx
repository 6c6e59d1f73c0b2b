/** What the masker puts in a field's place: `***`, `***` and the last 4, `***withheld***`, or an `hmac:` token. */
const MASK_OUTPUT = /^(\*\*\*|hmac:[A-Za-z0-9_-]{22}$)/;

/**
 * A JSON value as a collapsible tree; every value is rendered as text, never as markup. In a
 * masked record (`masked`), each value the masker put in place is marked, so none passes for data.
 */
export function JsonTree({ value, name, depth = 0, masked = false }: { value: unknown; name?: string; depth?: number; masked?: boolean }) {
  const label = name !== undefined ? <span className="json__key">{name}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json__leaf">
        {label}
        <span className={`json__${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
        {masked && typeof value === 'string' && MASK_OUTPUT.test(value) && <span className="badge json__masked">masked</span>}
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  return (
    <details className="json__node" open={depth < 2}>
      <summary>
        {label}
        <span className="muted">{Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}</span>
      </summary>
      <div className="json__children">
        {entries.map(([key, child]) => (
          <JsonTree key={key} name={key} value={child} depth={depth + 1} masked={masked} />
        ))}
      </div>
    </details>
  );
}
