import { rm, stat } from 'node:fs/promises';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { RecordJson } from '../../engine/decode/record-json';
import type { FileOps } from '../../engine/files/file-ops';
import { columnElements } from '../typed/schema-column';
import type { RunSchema, TypedRecord } from '../typed/run-schemas';
import { DATA_COLUMN, dataCell, isObjectRecord, type OutputFile } from './output-file';
import { schemaElements, type SchemaElement } from './parquet-schema';
import { toCell, type ColumnType } from './parquet-types';

export interface ParquetOptions {
  codec: 'SNAPPY' | 'ZSTD' | 'UNCOMPRESSED';
  compressors?: Record<string, (input: Uint8Array) => Uint8Array>;
  rowGroupRows: number;
  metaTypes: [string, ColumnType][];
}

/**
 * A Parquet file whose data columns are a run schema's, typed from the writer's schema. It takes
 * the records of that run schema, and records that are not JSON objects (undecodable bytes, text),
 * which have only `data`; any other record closes it, so its schema never changes.
 */
export function typedParquetFile(file: string, ops: FileOps, schema: RunSchema, options: ParquetOptions): OutputFile {
  const { metaTypes } = options;
  const names = [...metaTypes.map(([name]) => name), ...schema.columns.map(([name]) => name), DATA_COLUMN];
  const elements: SchemaElement[] = [
    { name: 'root', num_children: names.length },
    ...metaTypes.flatMap(([name, type]) => schemaElements(name, type)),
    ...schema.columns.flatMap(([name, column]) => columnElements(name, column)),
    ...schemaElements(DATA_COLUMN, 'STRING'),
  ];
  const out = fileWriter(file);
  const writer = new ParquetWriter({
    writer: out,
    schema: elements as never,
    codec: options.codec,
    compressors: options.compressors,
    createdBy: 'Shardscope',
  });
  let cells: unknown[][] = names.map(() => []);
  let buffered = 0;
  let records = 0;
  const empty = schema.columns.map(() => null);

  const writeGroup = () => {
    if (buffered === 0) return;
    writer.write({ columnData: names.map((name, i) => ({ name, data: cells[i]! })) as never, rowGroupSize: buffered });
    cells = names.map(() => []);
    buffered = 0;
  };

  return {
    fits: (record: RecordJson, typed?: TypedRecord) => (typed ? typed.schema === schema : !isObjectRecord(record)),
    write(record: RecordJson, typed?: TypedRecord) {
      records++;
      const meta = record as unknown as Record<string, unknown>;
      let i = 0;
      for (const [name, type] of metaTypes) cells[i++]!.push(toCell(type, meta[name]));
      for (const cell of typed?.cells ?? empty) cells[i++]!.push(cell);
      cells[i]!.push(typed ? null : dataCell(record));
      buffered++;
      if (buffered >= options.rowGroupRows) writeGroup();
    },
    get bytes() {
      return (out as unknown as { offset?: number }).offset ?? 0;
    },
    get records() {
      return records;
    },
    async close() {
      writeGroup();
      writer.finish();
      await ops.fsync(file);
      return (await stat(file)).size;
    },
    async abandon() {
      cells = [];
      await rm(file, { force: true });
    },
  };
}
