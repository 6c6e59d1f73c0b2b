/**
 * The seam between decoding and wherever schemas live. The decoder chain knows the wire ids it
 * finds in records (a Glue Schema Registry version id, a Confluent schema id); a resolver turns
 * one into the schema's text. Implementations (the Glue API, a Confluent-compatible registry)
 * cache what they fetch, since a schema version never changes once registered.
 */
export type SchemaFormat = 'AVRO' | 'PROTOBUF' | 'JSON';

/** Which schema a record was written with, as views, JSON output and run files name it. */
export interface SchemaRef {
  /** The registry's name (a Glue registry, a Confluent URL's host) or the local file's name. */
  registry: string;
  name: string;
  /** The version number where the registry has one. */
  version: number | null;
  /** The wire id: a Glue version UUID, a Confluent id as text, or the file's path. */
  id: string;
  format: SchemaFormat;
}

export interface ResolvedSchema extends SchemaRef {
  /** The schema's text: Avro JSON, a .proto file, or a JSON Schema document. */
  definition: string;
  /** Further .proto files the definition imports, by import path (Confluent references). */
  imports?: Record<string, string>;
}

export type SchemaLookup = { kind: 'gsr'; versionId: string } | { kind: 'confluent'; id: number };

export interface SchemaResolver {
  /**
   * The schema a wire id names. Rejects with an AppError saying why (no such version, the call
   * was refused, the registry cannot be reached); the record is then shown raw with that reason.
   */
  resolve(lookup: SchemaLookup): Promise<ResolvedSchema>;
}
