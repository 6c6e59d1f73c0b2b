import { redactNamedSecrets, redactSecrets } from '../security/redact';

/**
 * Fields whose text is a sentence Shardscope or AWS wrote (an error, a reason, a diagnosis): they
 * get every redaction rule, since AWS quotes the request it refuses in them.
 */
const MESSAGE_FIELDS = new Set(['message', 'reason', 'note', 'error', 'fix', 'firstError', 'lastError', 'detail', 'warning']);

/**
 * A record's own content: shown as it is in the stream, since changing it would lose data. `raw`
 * is a decoded record's bytes as read: walking it cost a live preview of schema-encoded records
 * a tenth of main's time.
 */
const RECORD_CONTENT = new Set(['text', 'json', 'partitionKey', 'data', 'explicitHashKey', 'raw']);

function isRecord(value: Record<string, unknown>): boolean {
  return typeof value.sequenceNumber === 'string' && typeof value.partitionKey === 'string';
}

function scrub(value: unknown, key: string | null, depth: number): unknown {
  if (typeof value === 'string') return key !== null && MESSAGE_FIELDS.has(key) ? redactSecrets(value) : redactNamedSecrets(value);
  // Deeper than any contract shape nests: left as it is rather than walked without end.
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = scrub(item, key, depth + 1);
      changed ||= next !== item;
      return next;
    });
    return changed ? out : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const object = value as Record<string, unknown>;
  const record = isRecord(object);
  let out: Record<string, unknown> | null = null;
  for (const [name, item] of Object.entries(object)) {
    if (record && RECORD_CONTENT.has(name)) continue;
    const next = scrub(item, name, depth + 1);
    if (next !== item) (out ??= { ...object })[name] = next;
  }
  return out ?? value;
}

/**
 * Everything main hands to a transport or writes to a history (an answer, an event, a summary)
 * passes through here, so no call site has to remember that AWS text may quote credentials.
 * Values are copied only where something was redacted.
 */
export function scrubOutgoing<T>(value: T): T {
  return scrub(value, null, 0) as T;
}
