/** A value that does not fit its schema: where (a JSON path from $) and why, so the user can find it in the input. */
export class SchemaEncodeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/** $.field, or $["a key"] for a key that is not a plain name. */
export function describePath(path: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
