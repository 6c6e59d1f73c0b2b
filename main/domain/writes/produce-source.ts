import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { AppError } from '../../core/app-error';
import { describeFileError } from '../../core/file-error';
import type { ProduceFormat } from '../../../shared/contract';

export type { ProduceFormat } from '../../../shared/contract';

/** One line (or CSV row) of the file: the bytes to write and its key, or why it cannot be written. */
export type SourceItem = { line: number; data: Buffer; key: string | null } | { line: number; rejected: string; text: string };

export interface SourceOptions {
  file: string;
  format: ProduceFormat;
  /** Take each record's partition key from this top-level field. */
  keyFrom?: string | null;
  delimiter?: string;
  /** Told how many bytes of the file have been read, for progress. */
  onBytes?(bytes: number): void;
}

export async function fileSize(file: string): Promise<number> {
  return (await fileVersion(file)).bytes;
}

/** The file as it is now, to the millisecond it was last written: a plan for it pays for this version only. */
export async function fileVersion(file: string): Promise<{ bytes: number; modifiedMs: number }> {
  try {
    const found = await stat(file);
    return { bytes: found.size, modifiedMs: found.mtimeMs };
  } catch (error) {
    throw new AppError('invalid-input', `Cannot read ${file}: ${describeFileError(error, file) ?? (error as Error).message}`);
  }
}

/** A field's value as a partition key: strings, numbers and booleans; an object or a missing field is not a key. */
function keyFrom(record: unknown, field: string): string | { problem: string } {
  if (record === null || typeof record !== 'object' || Array.isArray(record))
    return { problem: `not a JSON object, so it has no field "${field}"` };
  const value = (record as Record<string, unknown>)[field];
  if (value === undefined || value === null) return { problem: `no field "${field}" for the partition key` };
  if (typeof value === 'object') return { problem: `the field "${field}" is not a string or a number` };
  const key = String(value);
  return key.length ? key : { problem: `the field "${field}" is empty` };
}

/**
 * The records of a file, one at a time, as they are read: JSON Lines (each line written as it
 * is, after checking it is JSON), CSV (a header row, then each row as a JSON object of strings,
 * so leading zeros survive) or plain lines. Blank lines are skipped.
 */
export async function* readSource(options: SourceOptions): AsyncGenerator<SourceItem> {
  const input = createReadStream(options.file);
  let bytes = 0;
  input.on('data', (chunk) => options.onBytes?.((bytes += chunk.length)));
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error: NodeJS.ErrnoException) =>
      reject(new AppError('invalid-input', `Cannot read ${options.file}: ${describeFileError(error, options.file) ?? error.message}`)),
    );
  });
  await opened;
  try {
    if (options.format === 'csv') yield* csvRows(input, options);
    else yield* textLines(input, options);
  } catch (error) {
    // A read that fails after the open (a folder opens, then EISDIR) names no path of its own.
    const words = describeFileError(error, options.file);
    throw words ? new AppError('invalid-input', `Cannot read ${options.file}: ${words}`) : error;
  }
}

async function* textLines(input: NodeJS.ReadableStream, options: SourceOptions): AsyncGenerator<SourceItem> {
  let line = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (raw.trim() === '') continue;
    if (options.format === 'lines') {
      yield { line, data: Buffer.from(raw, 'utf8'), key: null };
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      yield { line, rejected: `not JSON: ${(error as Error).message}`, text: raw };
      continue;
    }
    const key = options.keyFrom ? keyFrom(parsed, options.keyFrom) : null;
    if (key !== null && typeof key === 'object') yield { line, rejected: key.problem, text: raw };
    else yield { line, data: Buffer.from(raw, 'utf8'), key };
  }
}

async function* csvRows(input: NodeJS.ReadableStream, options: SourceOptions): AsyncGenerator<SourceItem> {
  const parser = parse({
    columns: true,
    delimiter: options.delimiter ?? ',',
    bom: true,
    skip_empty_lines: true,
    info: true,
    // The row's own text, for the rejects file.
    raw: true,
    // A row of the wrong width or with a stray quote goes to the rejects; the rows after it still go.
    skip_records_with_error: true,
  });
  const skipped: SourceItem[] = [];
  parser.on('skip', (error: Error & { lines?: number; raw?: string }) =>
    skipped.push({ line: error.lines ?? 0, rejected: `not a CSV row: ${error.message}`, text: (error.raw ?? '').replace(/\r?\n$/, '') }),
  );
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield* skipped.splice(0);
      const key = options.keyFrom ? keyFrom(record, options.keyFrom) : null;
      const text = JSON.stringify(record);
      if (key !== null && typeof key === 'object') yield { line: info.lines, rejected: key.problem, text };
      else yield { line: info.lines, data: Buffer.from(text, 'utf8'), key };
    }
    yield* skipped.splice(0);
  } catch (error) {
    // What cannot be read past (the header itself is broken): said with csv-parse's reason.
    throw new AppError('invalid-input', `${options.file} is not valid CSV: ${(error as Error).message}`);
  }
}
