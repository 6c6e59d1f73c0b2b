/**
 * What the CLI says to the person at the terminal, apart from a command's results: progress,
 * summaries, warnings. It goes to stderr, so stdout stays the results alone for a pipe, and
 * `--quiet` silences it. Errors are printed whatever `--quiet` says.
 */
let quiet = false;

export function setQuiet(value: boolean): void {
  quiet = value;
}

export function isQuiet(): boolean {
  return quiet;
}

export function note(text: string): void {
  if (!quiet) process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

let readOnly = false;

/** --read-only on the command line: every connection this process opens refuses writes. */
export function setForcedReadOnly(value: boolean): void {
  readOnly = value;
}

export function isForcedReadOnly(): boolean {
  return readOnly;
}
