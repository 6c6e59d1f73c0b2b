import type { RunPartitioning } from '../../../shared/contract/runs';
import type { RecordJson } from '../engine/decode/record-json';
import { isObjectRecord } from './formats/output-file';

/** What Hive (and Spark, Athena, DuckDB) name the partition of a missing or null value. */
export const DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__';
/** A path segment longer than this is refused by most file systems. */
const MAX_SEGMENT_BYTES = 255;
const ESCAPED = new Set('"#%\'*/:=?\\{[]^\u007f');

/**
 * A value escaped for a path segment the way Hive's FileUtils.escapePathName does (`%XX` for
 * control characters and `"#%'*\/:=?\\^{[]` and DEL), so that every engine that reads Hive-style
 * partitions reads the value back as it was.
 */
export function escapePathName(value: string): string {
  let escaped = '';
  for (const c of value) {
    const code = c.charCodeAt(0);
    escaped += code < 0x20 || ESCAPED.has(c) ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : c;
  }
  return escaped;
}

function valueText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Where a record goes: its partition's folders (`dt=2026-12-06/hour=10`), or why it cannot be placed. */
export type Placement = { partition: string } | { refused: string };

/**
 * The partition of each record: by its arrival (approximateArrivalTimestamp, UTC) or by a
 * top-level field of its JSON value (after any mapping). Null when the run is not partitioned.
 */
export function partitionerOf(partitioning: RunPartitioning | undefined): ((record: RecordJson) => Placement) | null {
  if (!partitioning) return null;
  if (partitioning.type === 'arrival') {
    const byHour = partitioning.unit === 'hour';
    return (record) => {
      const arrival = new Date(record.arrivalTime);
      if (Number.isNaN(arrival.getTime()))
        return { partition: byHour ? `dt=${DEFAULT_PARTITION}/hour=${DEFAULT_PARTITION}` : `dt=${DEFAULT_PARTITION}` };
      const iso = arrival.toISOString();
      return { partition: byHour ? `dt=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}` : `dt=${iso.slice(0, 10)}` };
    };
  }
  const { field } = partitioning;
  const name = escapePathName(field);
  const room = MAX_SEGMENT_BYTES - Buffer.byteLength(name) - 1;
  return (record) => {
    const text = valueText(isObjectRecord(record) ? record.data[field] : undefined);
    const value = text === null ? DEFAULT_PARTITION : escapePathName(text);
    if (Buffer.byteLength(value) > room)
      return { refused: `its ${field} (${text!.slice(0, 40)}…) is too long to name a partition folder (${room} bytes at most, escaped)` };
    return { partition: `${name}=${value}` };
  };
}
