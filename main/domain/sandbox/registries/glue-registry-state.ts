import { randomUUID } from 'node:crypto';

/**
 * The Glue Schema Registry as the sandbox keeps it, in memory: registries, their schemas, and
 * each schema's versions. Shapes and error names are the Glue API's (botocore's glue model);
 * the HTTP side is in glue-registry-server.ts.
 */
export const SANDBOX_ACCOUNT = '000000000000';

export class GlueFault extends Error {
  constructor(
    readonly type: 'EntityNotFoundException' | 'InvalidInputException' | 'AlreadyExistsException' | 'AccessDeniedException',
    message: string,
  ) {
    super(message);
  }
}

const DATA_FORMATS = new Set(['AVRO', 'JSON', 'PROTOBUF']);
const DEFAULT_REGISTRY = 'default-registry';
const NAME = /^[a-zA-Z0-9-_$#.]{1,255}$/;

interface Registry {
  name: string;
  description?: string;
  createdTime: string;
}

interface SchemaVersion {
  id: string;
  number: number;
  definition: string;
  createdTime: string;
}

interface Schema {
  registry: string;
  name: string;
  dataFormat: string;
  compatibility: string;
  description?: string;
  createdTime: string;
  versions: SchemaVersion[];
}

type Input = Record<string, unknown>;

const text = (input: Input, key: string): string | undefined => (typeof input[key] === 'string' ? (input[key] as string) : undefined);
const object = (input: Input, key: string): Input => (input[key] && typeof input[key] === 'object' ? (input[key] as Input) : ({} as Input));

function required(input: Input, key: string): string {
  const value = text(input, key);
  if (!value) throw new GlueFault('InvalidInputException', `${key} is required.`);
  return value;
}

export class GlueRegistryState {
  private readonly registries = new Map<string, Registry>();
  private readonly schemas = new Map<string, Schema>();
  private readonly versions = new Map<string, { schema: Schema; version: SchemaVersion }>();

  constructor(private readonly region: string) {}

  registryArn(name: string): string {
    return `arn:aws:glue:${this.region}:${SANDBOX_ACCOUNT}:registry/${name}`;
  }

  schemaArn(registry: string, name: string): string {
    return `arn:aws:glue:${this.region}:${SANDBOX_ACCOUNT}:schema/${registry}/${name}`;
  }

  createRegistry(input: Input) {
    const name = required(input, 'RegistryName');
    if (!NAME.test(name)) throw new GlueFault('InvalidInputException', `RegistryName "${name}" has characters Glue does not allow.`);
    if (this.registries.has(name)) throw new GlueFault('AlreadyExistsException', `Registry already exists: ${name}`);
    const description = text(input, 'Description');
    this.registries.set(name, { name, description, createdTime: new Date().toISOString() });
    return { RegistryArn: this.registryArn(name), RegistryName: name, Description: description };
  }

  createSchema(input: Input) {
    const registry = this.registryOf(object(input, 'RegistryId'), true);
    const name = required(input, 'SchemaName');
    if (!NAME.test(name)) throw new GlueFault('InvalidInputException', `SchemaName "${name}" has characters Glue does not allow.`);
    const dataFormat = required(input, 'DataFormat');
    if (!DATA_FORMATS.has(dataFormat)) throw new GlueFault('InvalidInputException', `DataFormat must be AVRO, JSON or PROTOBUF.`);
    const key = `${registry.name}/${name}`;
    if (this.schemas.has(key)) throw new GlueFault('AlreadyExistsException', `Schema already exists: ${name}`);
    const schema: Schema = {
      registry: registry.name,
      name,
      dataFormat,
      compatibility: text(input, 'Compatibility') ?? 'BACKWARD',
      description: text(input, 'Description'),
      createdTime: new Date().toISOString(),
      versions: [],
    };
    this.schemas.set(key, schema);
    const definition = text(input, 'SchemaDefinition');
    const first = definition ? this.addVersion(schema, definition) : null;
    return {
      ...this.describe(schema),
      ...(first ? { SchemaVersionId: first.id, SchemaVersionStatus: 'AVAILABLE' } : {}),
    };
  }

  registerSchemaVersion(input: Input) {
    const schema = this.schemaOf(object(input, 'SchemaId'));
    const definition = required(input, 'SchemaDefinition');
    // Glue answers a definition it already has with that version, not a new one.
    const version = schema.versions.find((known) => known.definition === definition) ?? this.addVersion(schema, definition);
    return { SchemaVersionId: version.id, VersionNumber: version.number, Status: 'AVAILABLE' };
  }

  getSchemaVersion(input: Input) {
    const id = text(input, 'SchemaVersionId');
    if (id) {
      const found = this.versions.get(id.toLowerCase());
      if (!found) throw new GlueFault('EntityNotFoundException', `Schema version is not found. SchemaVersionId: ${id}`);
      return this.versionOutput(found.schema, found.version);
    }
    const schema = this.schemaOf(object(input, 'SchemaId'));
    const wanted = object(input, 'SchemaVersionNumber');
    const number = Number(wanted.VersionNumber);
    // A SchemaId names a schema, not a version: Glue's model bounds VersionNumber to 1..100000.
    if (wanted.LatestVersion !== true && !(Number.isInteger(number) && number >= 1 && number <= 100_000))
      throw new GlueFault('InvalidInputException', 'SchemaVersionNumber needs LatestVersion or a VersionNumber from 1 to 100000.');
    const version = wanted.LatestVersion === true ? schema.versions.at(-1) : schema.versions.find((known) => known.number === number);
    if (!version) throw new GlueFault('EntityNotFoundException', `Schema version is not found for schema ${schema.name}.`);
    return this.versionOutput(schema, version);
  }

  getSchemaByDefinition(input: Input) {
    const schema = this.schemaOf(object(input, 'SchemaId'));
    const definition = required(input, 'SchemaDefinition');
    const version = schema.versions.find((known) => known.definition === definition);
    if (!version) throw new GlueFault('EntityNotFoundException', `Schema version is not found for the definition in ${schema.name}.`);
    const { SchemaDefinition: _definition, VersionNumber: _number, ...rest } = this.versionOutput(schema, version);
    return rest;
  }

  getSchema(input: Input) {
    return this.describe(this.schemaOf(object(input, 'SchemaId')));
  }

  listRegistries(input: Input) {
    const registries = [...this.registries.values()].map((registry) => ({
      RegistryName: registry.name,
      RegistryArn: this.registryArn(registry.name),
      Description: registry.description,
      Status: 'AVAILABLE',
      CreatedTime: registry.createdTime,
      UpdatedTime: registry.createdTime,
    }));
    return page(registries, input, 'Registries');
  }

  listSchemas(input: Input) {
    const registryId = object(input, 'RegistryId');
    const registry = Object.keys(registryId).length > 0 ? this.registryOf(registryId, false).name : null;
    const schemas = [...this.schemas.values()]
      .filter((schema) => registry === null || schema.registry === registry)
      .map((schema) => ({
        RegistryName: schema.registry,
        SchemaName: schema.name,
        SchemaArn: this.schemaArn(schema.registry, schema.name),
        Description: schema.description,
        SchemaStatus: 'AVAILABLE',
        CreatedTime: schema.createdTime,
        UpdatedTime: schema.createdTime,
      }));
    return page(schemas, input, 'Schemas');
  }

  listSchemaVersions(input: Input) {
    const schema = this.schemaOf(object(input, 'SchemaId'));
    const versions = schema.versions.map((version) => ({
      SchemaArn: this.schemaArn(schema.registry, schema.name),
      SchemaVersionId: version.id,
      VersionNumber: version.number,
      Status: 'AVAILABLE',
      CreatedTime: version.createdTime,
    }));
    return page(versions, input, 'Schemas');
  }

  private addVersion(schema: Schema, definition: string): SchemaVersion {
    if (definition.length > 170_000) throw new GlueFault('InvalidInputException', 'SchemaDefinition is longer than 170000 characters.');
    const version = { id: randomUUID(), number: schema.versions.length + 1, definition, createdTime: new Date().toISOString() };
    schema.versions.push(version);
    this.versions.set(version.id, { schema, version });
    return version;
  }

  private versionOutput(schema: Schema, version: SchemaVersion) {
    return {
      SchemaVersionId: version.id,
      SchemaDefinition: version.definition,
      DataFormat: schema.dataFormat,
      SchemaArn: this.schemaArn(schema.registry, schema.name),
      VersionNumber: version.number,
      Status: 'AVAILABLE',
      CreatedTime: version.createdTime,
    };
  }

  private describe(schema: Schema) {
    const latest = schema.versions.length;
    return {
      RegistryName: schema.registry,
      RegistryArn: this.registryArn(schema.registry),
      SchemaName: schema.name,
      SchemaArn: this.schemaArn(schema.registry, schema.name),
      Description: schema.description,
      DataFormat: schema.dataFormat,
      Compatibility: schema.compatibility,
      SchemaCheckpoint: latest,
      LatestSchemaVersion: latest,
      NextSchemaVersion: latest + 1,
      SchemaStatus: 'AVAILABLE',
      CreatedTime: schema.createdTime,
      UpdatedTime: schema.createdTime,
    };
  }

  /** A RegistryId by name or ARN; Glue's default registry is made on first use, as Glue does. */
  private registryOf(id: Input, createDefault: boolean): Registry {
    const arn = text(id, 'RegistryArn');
    const name = arn ? arn.slice(arn.lastIndexOf('/') + 1) : (text(id, 'RegistryName') ?? DEFAULT_REGISTRY);
    const found = this.registries.get(name);
    if (found) return found;
    if (name === DEFAULT_REGISTRY && createDefault) {
      this.createRegistry({ RegistryName: name });
      return this.registries.get(name)!;
    }
    throw new GlueFault('EntityNotFoundException', `Registry is not found. RegistryName: ${name}`);
  }

  /** A SchemaId by ARN, or by SchemaName and RegistryName. */
  private schemaOf(id: Input): Schema {
    const arn = text(id, 'SchemaArn');
    const [registry, name] = arn
      ? arn.slice(arn.indexOf(':schema/') + ':schema/'.length).split('/')
      : [text(id, 'RegistryName') ?? DEFAULT_REGISTRY, text(id, 'SchemaName')];
    if (!name) throw new GlueFault('InvalidInputException', 'SchemaId needs a SchemaArn, or a SchemaName and a RegistryName.');
    const schema = this.schemas.get(`${registry}/${name}`);
    if (!schema) throw new GlueFault('EntityNotFoundException', `Schema is not found. RegistryName: ${registry}, SchemaName: ${name}`);
    return schema;
  }
}

/** Glue's paging: MaxResults (1 to 100) per page, and an opaque NextToken (here, the next offset). */
function page<T>(items: T[], input: Input, key: string) {
  const max = Math.min(Math.max(Number(input.MaxResults) || 25, 1), 100);
  const token = text(input, 'NextToken');
  const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new GlueFault('InvalidInputException', 'NextToken is not one this registry gave.');
  const end = start + max;
  return { [key]: items.slice(start, end), ...(end < items.length ? { NextToken: Buffer.from(String(end)).toString('base64url') } : {}) };
}
