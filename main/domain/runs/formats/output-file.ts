import type { RecordJson } from '../../engine/decode/record-json';
import type { FileOps } from '../../engine/files/file-ops';
import type { TypedRecord } from '../typed/run-schemas';

/** One data file being written under its temporary name. */
export interface OutputFile {
  /** False: this record cannot join this file (its header or schema would have to change), so the file is closed first. */
  fits(record: RecordJson, typed?: TypedRecord): boolean;
  /**
   * Adds a record; a returned promise means the writer is flushing, and the caller waits for it.
   * `typed`: the record's columns from its writer's schema, for the formats that have columns.
   */
  write(record: RecordJson, typed?: TypedRecord): void | Promise<void>;
  /** Bytes in the file so far, as they will be on disk (compressed), near enough to roll at a size. */
  readonly bytes: number;
  readonly records: number;
  /** Writes what is buffered, closes and fsyncs the file; resolves with its final size. */
  close(): Promise<number>;
  /** Drops the file unfinished (the run failed before it was complete). */
  abandon(): Promise<void>;
}

export interface OutputFormat {
  /** File name ending, e.g. `jsonl.gz` or `parquet`. */
  readonly extension: string;
  open(file: string, ops?: FileOps): Promise<OutputFile>;
  /** A record this format can never write (e.g. it does not fit a pinned schema): the reason; else null. */
  reject(record: RecordJson): string | null;
}

/** The metadata columns of the delimited and Parquet formats, before the record's own fields. */
export const META_COLUMNS = ['shardId', 'sequenceNumber', 'subSequenceNumber', 'partitionKey', 'arrivalTime'] as const;
export const DATA_COLUMN = 'data';
/** Where a record's fields go once the run has as many columns as it may make (maxColumns), as one JSON object. */
export const OVERFLOW_COLUMN = '_overflow';

const reserved = new Set<string>([...META_COLUMNS, DATA_COLUMN, OVERFLOW_COLUMN]);

/** A top-level field whose name clashes with a metadata column is written as `data_<name>`. */
export function columnOf(field: string): string {
  return reserved.has(field) ? `data_${field}` : field;
}

export function isObjectRecord(record: RecordJson): record is RecordJson & { data: Record<string, unknown> } {
  return record.encoding === 'json' && typeof record.data === 'object' && record.data !== null && !Array.isArray(record.data);
}

/** The record's own columns (its top-level fields), or none for a record that is not a JSON object. */
export function fieldsOf(record: RecordJson): [string, unknown][] {
  return isObjectRecord(record) ? Object.entries(record.data).map(([name, value]) => [columnOf(name), value]) : [];
}

/** What the `data` column holds for a record that is not a JSON object: its text, JSON text, or base64. */
export function dataCell(record: RecordJson): string | null {
  if (isObjectRecord(record)) return null;
  return typeof record.data === 'string' ? record.data : JSON.stringify(record.data);
}

/** The fields a file has no column for, as the object the overflow column holds; null when there are none. */
export function overflowCell(fields: [string, unknown][], hasColumn: (name: string) => boolean): Record<string, unknown> | null {
  const rest = fields.filter(([name]) => !hasColumn(name));
  return rest.length ? Object.fromEntries(rest) : null;
}
