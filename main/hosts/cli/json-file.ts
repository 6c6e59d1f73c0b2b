import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { InvalidArgumentError } from 'commander';

/** A JSON file a flag names, read whole; one that cannot be read or parsed is said with its full path. */
export function readJsonFile(file: string, what: string): { where: string; raw: unknown } {
  const where = resolvePath(file);
  try {
    return { where, raw: JSON.parse(readFileSync(where, 'utf8')) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidArgumentError(`the ${what} ${where} ${code ? `cannot be read (${code})` : 'is not JSON'}.`);
  }
}
