import { stringify } from 'csv-stringify/sync';
import type { RecordJson } from '../../engine/decode/record-json';
import { ByteSink } from './byte-sink';
import {
  DATA_COLUMN,
  dataCell,
  fieldsOf,
  isObjectRecord,
  META_COLUMNS,
  OVERFLOW_COLUMN,
  overflowCell,
  type OutputFormat,
} from './output-file';
import { textFile } from './text-file';
import { flatColumns } from '../typed/schema-column';
import type { RunSchema } from '../typed/run-schemas';

/** The value at a flattened column's path in a typed record's value; null where a record on the way is. */
function valueAt(value: Record<string, unknown> | undefined, path: string[]): unknown {
  let at: unknown = value;
  for (const step of path) {
    if (typeof at !== 'object' || at === null) return null;
    at = (at as Record<string, unknown>)[step];
  }
  return at ?? null;
}

/**
 * Delimited text (RFC 4180 quoting by csv-stringify). A file's header is fixed when it opens:
 * the metadata columns, every field seen so far in the run (in the order first seen), then
 * `data`. A record with a field the header lacks closes the file; the next one's header has it.
 * Once the run has `maxColumns` fields, every later header ends with `_overflow` before `data`,
 * and fields past them go there as one JSON object, so no more files close for a new name.
 * Nested values are written as JSON text; a missing field is an empty cell. A file whose first
 * record is typed by its schema has that schema's columns instead: nested records flattened to
 * dotted names in schema order, lists and maps as JSON text; it takes only records of that run
 * schema and records that are not JSON objects.
 */
export function csvFormat(delimiter: string, gzip: boolean, maxColumns: number): OutputFormat {
  const known: string[] = [];
  const knownSet = new Set<string>();
  const learn = (record: RecordJson) => {
    for (const [name] of fieldsOf(record)) {
      if (!knownSet.has(name) && known.length < maxColumns) {
        knownSet.add(name);
        known.push(name);
      }
    }
  };
  const cell = (value: unknown): string | number | boolean | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'object') return JSON.stringify(value);
    return value as string | number | boolean;
  };
  return {
    extension: gzip ? 'csv.gz' : 'csv',
    reject: () => null,
    async open(file, ops) {
      const sink = new ByteSink(file, gzip, ops);
      let columns: string[] | null = null;
      let inHeader = new Set<string>();
      let overflow = false;
      // Set when the file's first record is typed by its schema: its header is that schema's columns.
      let typedSchema: RunSchema | null = null;
      let paths: string[][] = [];
      const line = (values: unknown[]) =>
        stringify([values.map(cell)], { delimiter, record_delimiter: '\r\n', cast: { boolean: (b) => String(b) } });
      return textFile(sink, {
        // An empty file takes any record: its header is written with the first one.
        fits(record, typed) {
          if (columns === null) return true;
          if (typedSchema) return typed ? typed.schema === typedSchema : !isObjectRecord(record);
          return !typed && (overflow || fieldsOf(record).every(([name]) => inHeader.has(name)));
        },
        line(record, typed) {
          let header = '';
          if (columns === null && typed) {
            typedSchema = typed.schema;
            paths = typed.schema.columns.flatMap(([name, column]) => flatColumns(name, column));
            columns = paths.map((path) => path.join('.'));
            header = line([...META_COLUMNS, ...columns, DATA_COLUMN]);
          }
          if (typedSchema) {
            const meta = [record.shardId, record.sequenceNumber, record.subSequenceNumber ?? null, record.partitionKey, record.arrivalTime];
            const values = paths.map((path) => valueAt(typed?.value, path));
            return header + line([...meta, ...values, typed ? null : dataCell(record)]);
          }
          if (columns === null) {
            learn(record);
            columns = [...known];
            inHeader = new Set(columns);
            overflow = known.length >= maxColumns;
            header = line([...META_COLUMNS, ...columns, ...(overflow ? [OVERFLOW_COLUMN] : []), DATA_COLUMN]);
          }
          const entries = fieldsOf(record);
          const fields = new Map(entries);
          const meta = [record.shardId, record.sequenceNumber, record.subSequenceNumber ?? null, record.partitionKey, record.arrivalTime];
          const extra = overflow ? [overflowCell(entries, (name) => inHeader.has(name))] : [];
          return header + line([...meta, ...columns!.map((name) => fields.get(name)), ...extra, dataCell(record)]);
        },
      });
    },
  };
}
