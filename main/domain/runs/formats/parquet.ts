import { rm, stat } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { RunCompression, PinnedSchema } from '../../../../shared/contract/runs';
import type { RecordJson } from '../../engine/decode/record-json';
import { AppError } from '../../../core/app-error';
import { nodeFileOps, type FileOps } from '../../engine/files/file-ops';
import { DATA_COLUMN, dataCell, fieldsOf, OVERFLOW_COLUMN, overflowCell, type OutputFile, type OutputFormat } from './output-file';
import { typedParquetFile, type ParquetOptions } from './parquet-typed';
import { pinnedMismatch, schemaElements, type SchemaElement } from './parquet-schema';
import { fitsColumn, leavesOf, settle, toCell, typeOfValue, widen, type ColumnType } from './parquet-types';

/** Rows held before they are written as one row group: large enough to compress well, small enough for memory. */
const ROW_GROUP_ROWS = 8_192;

const metaTypes: [string, ColumnType][] = [
  ['shardId', 'STRING'],
  ['sequenceNumber', 'STRING'],
  ['subSequenceNumber', 'INT64'],
  ['partitionKey', 'STRING'],
  ['arrivalTime', 'TIMESTAMP'],
];

/** Node's own zstd (22.15 and later); older Nodes have none. */
const zstd = (zlib as { zstdCompressSync?: (input: Uint8Array) => Buffer }).zstdCompressSync;

function codecOf(compression: RunCompression): {
  codec: 'SNAPPY' | 'ZSTD' | 'UNCOMPRESSED';
  compressors?: Record<string, (input: Uint8Array) => Uint8Array>;
} {
  switch (compression) {
    case 'none':
      return { codec: 'UNCOMPRESSED' };
    case 'zstd':
      if (typeof zstd !== 'function')
        throw new AppError('invalid-input', 'ZSTD compression needs Node.js 22.15 or newer; use snappy or none.');
      return { codec: 'ZSTD', compressors: { ZSTD: (input) => new Uint8Array(zstd(input)) } };
    default:
      return { codec: 'SNAPPY' };
  }
}

/**
 * Parquet through hyparquet-writer, one row group every 8,192 rows. The data columns are
 * inferred: the first row group of each file fixes its schema from the run's columns so far
 * widened by those rows; a later record with a new field (at any depth) or a type the file cannot
 * hold closes the file, and the next one has the widened schema. Objects and arrays of one shape
 * are STRUCT and LIST columns; `nested` false keeps them JSON (runs started before structs). With
 * a pinned schema, records that do not fit are rejected instead. Once the run has `maxColumns`
 * leaf columns, every later file has an `_overflow` JSON column too, holding a record's other
 * fields as one object, so no more files close for a new name; a column that would pass the cap
 * is JSON.
 */
export function parquetFormat(compression: RunCompression, pinned?: PinnedSchema, maxColumns = Infinity, nested = true): OutputFormat {
  const { codec, compressors } = codecOf(compression);
  const inference = { nested, cap: maxColumns };
  // The run's columns so far, in the order first seen; they only ever widen.
  const columns = new Map<string, ColumnType | null>(pinned?.columns.map((c) => [c.name, c.type]) ?? []);
  let leaves = columns.size;
  // Sticky: once a field went to _overflow, every later file has the column, even if a struct
  // that turned JSON has since given leaves back.
  let overflowing = false;

  /** Widens the run's columns by one record's fields, within the cap. */
  const learn = (fields: [string, unknown][]) => {
    for (const [name, value] of fields) {
      const had = columns.get(name);
      let next = widen(had ?? null, typeOfValue(value, inference), maxColumns);
      if (columns.has(name) && next === had) continue;
      const others = leaves - (columns.has(name) ? leavesOf(had!) : 0);
      if (others + leavesOf(next) > maxColumns) next = 'JSON';
      if (others + 1 > maxColumns) {
        overflowing = true;
        continue;
      }
      columns.set(name, next);
      leaves = others + leavesOf(next);
    }
  };

  const options: ParquetOptions = { codec, compressors, rowGroupRows: ROW_GROUP_ROWS, metaTypes };

  const inferredFile = (file: string, ops: FileOps): OutputFile => {
    // Records are held as they are only until the file's schema is fixed; after that each goes
    // straight into column arrays, which weigh a fraction of the objects.
    let rows: RecordJson[] = [];
    let fixed: [string, ColumnType][] | null = null;
    let fixedTypes = new Map<string, ColumnType>();
    let overflow = false;
    let cells: unknown[][] = [];
    let buffered = 0;
    let writer: ParquetWriter | null = null;
    let out: ReturnType<typeof fileWriter> | null = null;
    let records = 0;

    const toCells = (record: RecordJson) => {
      const fields = new Map(fieldsOf(record));
      const meta = record as unknown as Record<string, unknown>;
      let i = 0;
      for (const [name, type] of metaTypes) cells[i++]!.push(toCell(type, meta[name]));
      for (const [name, type] of fixed!) cells[i++]!.push(toCell(type, fields.get(name)));
      if (overflow) {
        const rest = overflowCell([...fields], (name) => fixedTypes.has(name));
        cells[i++]!.push(toCell('JSON', rest));
      }
      cells[i]!.push(dataCell(record));
      buffered++;
    };

    const fixSchema = () => {
      if (!pinned) for (const row of rows) learn(fieldsOf(row));
      fixed = [...columns].map(([name, type]) => [name, settle(type)]);
      fixedTypes = new Map(fixed);
      overflowing ||= leaves >= maxColumns;
      overflow = !pinned && overflowing;
      const all: [string, ColumnType][] = [
        ...metaTypes,
        ...fixed,
        ...(overflow ? [[OVERFLOW_COLUMN, 'JSON'] as [string, ColumnType]] : []),
        [DATA_COLUMN, 'STRING'],
      ];
      const elements = all.flatMap(([name, type]) => schemaElements(name, type));
      const schema: SchemaElement[] = [{ name: 'root', num_children: all.length }, ...elements];
      out = fileWriter(file);
      writer = new ParquetWriter({ writer: out, schema: schema as never, codec, compressors, createdBy: 'Shardscope' });
      cells = all.map(() => []);
      for (const row of rows) toCells(row);
      rows = [];
    };

    const writeGroup = () => {
      if (!fixed) fixSchema();
      if (buffered === 0) return;
      const names = [
        ...metaTypes.map(([name]) => name),
        ...fixed!.map(([name]) => name),
        ...(overflow ? [OVERFLOW_COLUMN] : []),
        DATA_COLUMN,
      ];
      writer!.write({ columnData: names.map((name, i) => ({ name, data: cells[i]! })) as never, rowGroupSize: buffered });
      cells = cells.map(() => []);
      buffered = 0;
    };

    return {
      fits(record, typed) {
        // A record typed by its schema goes to a typed file.
        if (typed) return false;
        // A pinned schema never changes: what does not fit it was rejected before.
        if (!fixed || pinned) return true;
        return fieldsOf(record).every(([name, value]) => (fixedTypes.has(name) ? fitsColumn(fixedTypes.get(name)!, value) : overflow));
      },
      write(record) {
        records++;
        if (fixed) toCells(record);
        else rows.push(record);
        if (rows.length + buffered >= ROW_GROUP_ROWS) writeGroup();
      },
      get bytes() {
        return (out as unknown as { offset?: number } | null)?.offset ?? 0;
      },
      get records() {
        return records;
      },
      async close() {
        writeGroup();
        writer!.finish();
        await ops.fsync(file);
        return (await stat(file)).size;
      },
      async abandon() {
        rows = [];
        cells = [];
        await rm(file, { force: true });
      },
    } satisfies OutputFile;
  };

  return {
    extension: 'parquet',
    reject: (record) => (pinned ? pinnedMismatch(pinned, fieldsOf(record)) : null),
    // Which kind of file this is waits for its first record: typed by that record's schema, or inferred.
    async open(file, ops = nodeFileOps) {
      let inner: OutputFile | null = null;
      return {
        fits: (record, typed) => inner === null || inner.fits(record, typed),
        write(record, typed) {
          inner ??= typed ? typedParquetFile(file, ops, typed.schema, options) : inferredFile(file, ops);
          return inner.write(record, typed);
        },
        get bytes() {
          return inner?.bytes ?? 0;
        },
        get records() {
          return inner?.records ?? 0;
        },
        close: () => inner!.close(),
        abandon: async () => (inner ? inner.abandon() : rm(file, { force: true })),
      } satisfies OutputFile;
    },
  };
}
