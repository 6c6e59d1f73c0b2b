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

/** Base64 as the decoder writes bytes, checked before decoding so a typo is refused rather than skipped. */
export const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A JSON value named for a misfit message: its kind, and the value itself when it is short to show. */
export const kindOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `${typeof value} ${JSON.stringify(value)}`;

/** Throws the misfit at a path: the encoders' one way out. */
export const fail = (path: string, problem: string): never => {
  throw new SchemaEncodeError(path, problem);
};
