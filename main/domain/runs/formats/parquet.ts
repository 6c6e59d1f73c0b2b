import { rm, stat } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { RunCompression, ParquetType, PinnedSchema } from '../../../../shared/contract/runs';
import type { RecordJson } from '../../decode/record-json';
import { AppError } from '../../../core/app-error';
import { nodeFileOps } from '../file-ops';
import { DATA_COLUMN, dataCell, fieldsOf, OVERFLOW_COLUMN, overflowCell, type OutputFile, type OutputFormat } from './output-file';
import { fitsColumn, pinnedMismatch, toCell, typeOfValue, widen } from './parquet-schema';

/** Rows held before they are written as one row group: large enough to compress well, small enough for memory. */
const ROW_GROUP_ROWS = 8_192;

type SchemaElement = { name: string; type?: string; converted_type?: string; repetition_type?: string; num_children?: number };

const physical: Record<ParquetType, Pick<SchemaElement, 'type' | 'converted_type'>> = {
  STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  JSON: { type: 'BYTE_ARRAY', converted_type: 'JSON' },
  INT64: { type: 'INT64' },
  DOUBLE: { type: 'DOUBLE' },
  BOOLEAN: { type: 'BOOLEAN' },
  TIMESTAMP: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
};

const metaTypes: [string, ParquetType][] = [
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
 * Parquet through hyparquet-writer, one row group every 32,768 rows. The data columns are
 * inferred: the first row group of each file fixes its schema from the run's columns so far
 * widened by those rows; a later record with a new field or a type the file cannot hold closes
 * the file, and the next one has the widened schema. With a pinned schema, records that do not
 * fit are rejected instead. Once the run has `maxColumns` data columns, every later file has an
 * `_overflow` JSON column too, holding a record's other fields as one object, so no more files
 * close for a new name.
 */
export function parquetFormat(compression: RunCompression, pinned?: PinnedSchema, maxColumns = Infinity): OutputFormat {
  const { codec, compressors } = codecOf(compression);
  // The run's columns so far, in the order first seen; they only ever widen.
  const columns = new Map<string, ParquetType | null>(pinned?.columns.map((c) => [c.name, c.type]) ?? []);
  return {
    extension: 'parquet',
    reject: (record) => (pinned ? pinnedMismatch(pinned, fieldsOf(record)) : null),
    async open(file, ops = nodeFileOps) {
      // Records are held as they are only until the file's schema is fixed; after that each goes
      // straight into column arrays, which weigh a fraction of the objects.
      let rows: RecordJson[] = [];
      let fixed: [string, ParquetType][] | null = null;
      let fixedNames = new Set<string>();
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
        // An object: the writer encodes a JSON column's values itself.
        if (overflow) cells[i++]!.push(overflowCell([...fields], (name) => fixedNames.has(name)));
        cells[i]!.push(dataCell(record));
        buffered++;
      };

      const fixSchema = () => {
        if (!pinned)
          for (const row of rows)
            for (const [name, value] of fieldsOf(row))
              if (columns.has(name) || columns.size < maxColumns) columns.set(name, widen(columns.get(name) ?? null, typeOfValue(value)));
        // A column no value has typed yet is written as text.
        fixed = [...columns].map(([name, type]) => [name, type ?? 'STRING']);
        fixedNames = new Set(columns.keys());
        overflow = !pinned && columns.size >= maxColumns;
        const all: [string, ParquetType][] = [
          ...metaTypes,
          ...fixed,
          ...(overflow ? [[OVERFLOW_COLUMN, 'JSON'] as [string, ParquetType]] : []),
          [DATA_COLUMN, 'STRING'],
        ];
        const schema: SchemaElement[] = [
          { name: 'root', num_children: all.length },
          ...all.map(([name, type]) => ({ name, ...physical[type], repetition_type: 'OPTIONAL' })),
        ];
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
        fits(record) {
          if (!fixed) return true;
          const types = new Map(fixed);
          return fieldsOf(record).every(([name, value]) => (types.has(name) ? fitsColumn(types.get(name)!, value) : overflow));
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
    },
  };
}
