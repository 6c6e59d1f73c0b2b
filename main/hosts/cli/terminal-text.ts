/**
 * Text the CLI prints comes from strangers: record data and keys, lease owners, tags, AWS's own
 * messages. A terminal acts on control characters (escape sequences rewrite the screen or the
 * title, C1 controls do the same in one byte, bidi overrides reorder what is read), so every one
 * is shown as an escape instead. C0 controls become `\xNN`; the rest become `\uNNNN`, which is
 * also a valid JSON escape, so the same rule serves text and JSON output (JSON.stringify already
 * escapes C0 inside strings but leaves C1 and bidi characters raw).
 */

/** C0 but tab and newline, DEL, C1, the bidi marks, embeddings, overrides and isolates, and the line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LAYOUT_SAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, and tab and newline too: one field stays on its line
const ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One field of a line (a key, an owner, a name): every control escaped, newlines and tabs too. */
export function visible(text: string): string {
  return text.replace(ALL, escape);
}

/** Text of several lines (a message, a report): lines and tabs kept, every other control escaped. */
export function visibleLines(text: string): string {
  return text.replace(LAYOUT_SAFE, escape);
}

/** JSON for a terminal or a pipe: what JSON.stringify leaves raw is written as `\uNNNN`; it parses back to the same value. */
export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(LAYOUT_SAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The stream's own write, before guardTerminal: for Shardscope's own control output only. */
const rawWrites = new WeakMap<NodeJS.WriteStream, NodeJS.WriteStream['write']>();

/**
 * Escapes what any printer writes to stdout and stderr, as the last step before the terminal:
 * commands print stranger text in many places, and a new one cannot forget. Printers still use
 * visible() for one-line fields, so a newline in a lease owner cannot start a line of its own.
 */
export function guardTerminal(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (rawWrites.has(stream)) continue;
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    rawWrites.set(stream, write as NodeJS.WriteStream['write']);
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(typeof chunk === 'string' ? visibleLines(chunk) : chunk, ...rest)) as typeof stream.write;
  }
}

/**
 * The same stream for Shardscope's own terminal control (progress bars redrawn in place, a
 * question's line edited by readline): their escape sequences and carriage returns are meant, so
 * they bypass the guard. Only text Shardscope composes may be written through it.
 */
export function controlStream(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  const raw = rawWrites.get(stream);
  if (!raw) return stream;
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return raw;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
