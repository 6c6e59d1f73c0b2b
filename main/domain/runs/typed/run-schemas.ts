import type { DecodedRecord } from '../../engine/decode/record';
import { compileAvro } from '../../engine/decode/schema/avro-codec';
import type { SchemaDecoding } from '../../engine/decode/schema/record-schemas';
import type { SchemaCodec } from '../../engine/decode/schema/schema-codec';
import type { SchemaRef } from '../../engine/decode/schema/schema-resolver';
import { columnOf } from '../formats/output-file';
import { avroColumn } from './avro-columns';
import { avroDefaultsOf, mergeDefaults, NO_DEFAULTS, withNestedDefaults, type FieldDefaults } from './avro-defaults';
import { messageColumn } from './protobuf-columns';
import { cellOf, flatColumns, type SchemaColumn } from './schema-column';
import { widenFields } from './widen-columns';

/** The typed columns of a file: every record of one schema lineage, widened over the versions seen so far. */
export interface RunSchema {
  /** Each top-level field's column, under the name the file gives it (a clash with a metadata column is `data_<name>`). */
  readonly columns: [string, SchemaColumn][];
  /** Each column's field name in the decoded value (`data` for the column `data_data`). */
  readonly fieldNames: string[];
}

const runSchema = (columns: [string, SchemaColumn][], sources: Map<string, string>): RunSchema => ({
  columns,
  fieldNames: columns.map(([name]) => sources.get(name) ?? name),
});

/** A record with its schema's columns: its JSON value in the run schema's shape, and the cells Parquet writes. */
export interface TypedRecord {
  schema: RunSchema;
  /** Column name to decoded value, one entry per column. */
  value: Record<string, unknown>;
  cells: unknown[];
}

interface Writer {
  fields: [string, SchemaColumn][];
  /** Column name to the field's own name, where they differ (`data_data` is the field `data`). */
  sources: Map<string, string>;
  /** Avro: the defaults of the writer's fields, what a version without the field is read with. */
  defaults: FieldDefaults;
}

interface Lineage {
  schema: RunSchema;
  sources: Map<string, string>;
  defaults: FieldDefaults;
}

/** The columns a CSV file or a Parquet schema has for these fields: one per leaf, down nested records. */
const leafCount = (fields: [string, SchemaColumn][]) => fields.reduce((sum, [name, column]) => sum + flatColumns(name, column).length, 0);

/**
 * What a run knows of its records' schemas. A record decoded with an Avro or Protobuf schema
 * whose top level is a record or message gets typed columns; any other record is left to the
 * inferred columns of today. Versions of one schema (by registry, name and Protobuf message)
 * widen one lineage: its columns are the union of every version's fields, numbers promoted by
 * Avro's rules, and a record is read into them with the defaults of fields its version lacks.
 * A version that cannot be widened (a field's type changed) starts a new lineage, whose files
 * have that version's columns.
 */
export class RunSchemas {
  private readonly writers = new Map<string, Writer | null>();
  private readonly lineages = new Map<string, Lineage>();
  /** Writer ids by the lineage key that has taken them; a lineage restarted by an incompatible version forgets the rest. */
  private readonly members = new Map<string, Set<string>>();
  private readonly keys = new WeakMap<SchemaRef, Map<string, { writerKey: string; lineageKey: string }>>();

  constructor(
    private readonly decoding?: SchemaDecoding,
    /** The run's column cap: a schema with more leaf columns keeps inferred columns, which the cap bounds. */
    private readonly maxColumns = Infinity,
  ) {}

  /** The record typed by its schema, or null for one that keeps inferred columns. Throws CellError for a value its column cannot hold. */
  typed(record: DecodedRecord): TypedRecord | null {
    if (!record.schema || !this.decoding) return null;
    const { writerKey, lineageKey } = this.keysOf(record.schema, record.schemaMessage ?? '');
    let writer = this.writers.get(writerKey);
    if (writer === undefined) {
      try {
        writer = this.writerOf(this.decoding.codecOf(record.schema), record.schemaMessage);
      } catch {
        // The schema decoded this record, so this cannot fail; if it does, its values still have inferred columns.
        writer = null;
      }
      this.writers.set(writerKey, writer);
    }
    const value = record.value;
    if (!writer || typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const lineage = this.join(lineageKey, writerKey, writer);
    const object = value as Record<string, unknown>;
    // No prototype: a field may be called __proto__.
    const row = Object.create(null) as Record<string, unknown>;
    const { columns, fieldNames } = lineage.schema;
    const { values, nested } = lineage.defaults;
    const cells = new Array<unknown>(columns.length);
    for (let at = 0; at < columns.length; at++) {
      const [name, column] = columns[at]!;
      const fieldName = fieldNames[at]!;
      const given = Object.hasOwn(object, fieldName);
      const field = given ? withNestedDefaults(object[fieldName], nested.get(name)) : (values.get(name) ?? null);
      row[name] = field;
      cells[at] = cellOf(column, field);
    }
    return { schema: lineage.schema, value: row, cells };
  }

  /**
   * A record's writer and lineage keys. Every record a codec decodes carries that codec's ref
   * object, so the keys are made once per ref and message rather than once per record.
   */
  private keysOf(ref: SchemaRef, message: string): { writerKey: string; lineageKey: string } {
    let byMessage = this.keys.get(ref);
    if (!byMessage) this.keys.set(ref, (byMessage = new Map()));
    let keys = byMessage.get(message);
    if (!keys) {
      keys = { writerKey: `${ref.id}\0${message}`, lineageKey: `${ref.registry}\0${ref.name}\0${message}` };
      byMessage.set(message, keys);
    }
    return keys;
  }

  private writerOf(codec: SchemaCodec | undefined, message: string | undefined): Writer | null {
    const writer = codec?.writer;
    if (!writer) return null;
    let top: SchemaColumn;
    let defaults = NO_DEFAULTS;
    if (writer.format === 'AVRO') {
      top = avroColumn(compileAvro(writer.definition).type);
      defaults = avroDefaultsOf(writer.definition);
    } else {
      if (!message) return null;
      top = messageColumn(writer.root.lookupType(message));
    }
    if (top.kind !== 'struct' || leafCount(top.fields) > this.maxColumns) return null;
    const sources = new Map(top.fields.filter(([name]) => columnOf(name) !== name).map(([name]) => [columnOf(name), name]));
    return { fields: top.fields.map(([name, column]) => [columnOf(name), column]), sources, defaults };
  }

  private join(key: string, writerKey: string, writer: Writer): Lineage {
    const members = this.members.get(key) ?? new Set<string>();
    const current = this.lineages.get(key);
    if (current && members.has(writerKey)) return current;
    const joined = current ? widenFields(current.schema.columns, writer.fields) : null;
    // Widened past the cap, the versions go to files of their own, as incompatible ones do.
    const widened = joined && leafCount(joined) <= this.maxColumns ? joined : null;
    let lineage: Lineage;
    if (current && widened) {
      // Defaults from the newest version that gives one: as a reader schema of the latest version would read.
      const defaults = mergeDefaults(current.defaults, writer.defaults);
      const sources = new Map([...current.sources, ...writer.sources]);
      lineage = { schema: widened === current.schema.columns ? current.schema : runSchema(widened, sources), sources, defaults };
    } else {
      lineage = { schema: runSchema(writer.fields, writer.sources), sources: writer.sources, defaults: writer.defaults };
      members.clear();
    }
    members.add(writerKey);
    this.members.set(key, members);
    this.lineages.set(key, lineage);
    return lineage;
  }
}
