import { resolve as resolvePath } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  partitionFieldSchema,
  type LocalSchemaFileInput,
  type RunCompression,
  type RunEnd,
  type RunSpec,
  type StartPosition,
  type WriteEncodingInput,
} from '../../../shared/contract';
import {
  END_FORMS,
  parsePosition,
  parseReadEnd,
  POSITION_FORMS,
  PositionError,
  shardIdFrom,
  type ReadEndSpec,
} from '../../../shared/positions';
import { AppError } from '../../core/app-error';
import { compressionHelp, compressionRefusal } from '../../core/compressions';

/**
 * How every command reads a time, a shard, an end and a duration: one wording and one set of
 * forms for tail, search, ingest, copy and stats. What a form means lives in shared/positions,
 * where the app's forms read it too.
 */

function formList(forms: readonly { example: string; meaning: string }[]): string {
  return forms.map((f) => `  ${f.example.length > 24 ? `${f.example.slice(0, 23)}…` : f.example.padEnd(24)}  ${f.meaning}`).join('\n');
}

export const FROM_HELP =
  'where to start: oldest, newest, an ISO-8601 time, -15m, "15 minutes ago", AT_SEQUENCE_NUMBER:<seq>, AFTER_SEQUENCE_NUMBER:<seq>';
export const UNTIL_HELP = 'caught-up (the newest record of each shard as it stood when the read reached it), an ISO-8601 time, or -5m';
export const SHARD_HELP = 'only these shards and their descendants: repeat it or list them with commas; 12 stands for shardId-000000000012';

/** --from, with the shards named by --shard: the sequence-number positions need exactly one. */
export function parseFrom(text: string, shardIds: readonly string[] | undefined): StartPosition {
  try {
    return parsePosition(text, shardIds?.length === 1 ? shardIds[0] : undefined);
  } catch (error) {
    if (!(error instanceof PositionError)) throw error;
    if (error.kind === 'needs-shard') throw new AppError('invalid-input', `--from: ${error.message} Name it with --shard.`);
    throw new AppError('invalid-input', `--from: ${error.message} It takes one of:\n${formList(POSITION_FORMS)}`);
  }
}

function endError(text: string, extra: { example: string; meaning: string }[]): InvalidArgumentError {
  return new InvalidArgumentError(`"${text}" is not an end. --until takes one of:\n${formList([...END_FORMS, ...extra])}`);
}

/** --until for tail, search and copy: caught-up or a time. */
export function parseUntil(text: string): ReadEndSpec {
  const end = parseReadEnd(text);
  if (!end) throw endError(text, []);
  return end;
}

/** --until for ingest, which may also follow the stream or stop after a count. */
export function parseRunEnd(text: string): RunEnd {
  const value = text.trim();
  if (value === 'follow') return { type: 'follow' };
  const count = /^count:(\d+)$/.exec(value);
  if (count) return { type: 'count', count: Number(count[1]) };
  const end = parseReadEnd(value);
  if (end) return end;
  throw endError(text, [
    { example: 'follow', meaning: 'never: keep reading new records until interrupted' },
    { example: 'count:1000', meaning: 'after this many user records' },
  ]);
}

/** --shard, repeated or a comma list, collected into one list of shard ids. */
export function collectShards(value: string, previous: string[] | undefined): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .map(shardIdFrom);
  if (ids.length === 0) throw new InvalidArgumentError('name a shard, e.g. --shard shardId-000000000012, --shard 12 or --shard 0,1.');
  return [...(previous ?? []), ...ids.filter((id) => !previous?.includes(id))];
}

export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('a duration looks like 500ms, 1s, 30s or 5m.');
  const ms = Number(match[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  if (ms < 100) throw new InvalidArgumentError('the shortest interval is 100ms.');
  return ms;
}

export function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number.');
  return number;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}

const sizeUnits: Record<string, number> = {
  '': 1,
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
};

export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('a size is bytes, or a number with KiB, MiB or GiB, e.g. 128MiB.');
  return Math.round(Number(match[1]) * sizeUnits[(match[2] ?? '').toLowerCase()]!);
}

/** --compression's help: the codecs this Node can write. */
export const COMPRESSION_HELP = compressionHelp();

/** One of the compressions this Node can write, which --help lists too; the format's own fit is checked once the run starts. */
export function parseCompression(value: string): RunCompression {
  const refusal = compressionRefusal(value);
  if (refusal) throw new InvalidArgumentError(refusal);
  return value as RunCompression;
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('a whole number, e.g. 500.');
  return Number(value);
}

export function parseRejects(value: string): NonNullable<RunSpec['maxRejects']> {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  if (percent) return { percent: Number(percent[1]) };
  if (/^\d+$/.test(value)) return { count: Number(value) };
  throw new InvalidArgumentError('a number of records, or a share such as 1%.');
}

/** --partition-by: arrival:hour, arrival:day, or a top-level field of each JSON record. */
export function parsePartitionBy(value: string): NonNullable<RunSpec['partitionBy']> {
  if (value === 'arrival:hour' || value === 'arrival:day') return { type: 'arrival', unit: value === 'arrival:hour' ? 'hour' : 'day' };
  if (value.startsWith('arrival:')) throw new InvalidArgumentError('arrival:hour or arrival:day.');
  const field = partitionFieldSchema.safeParse(value);
  if (!field.success) throw new InvalidArgumentError(field.error.issues[0]!.message);
  return { type: 'field', field: field.data };
}

export interface SchemaFlags {
  schema?: string;
  message?: string;
  schemaImports?: string;
}

/** --schema, --message and --schema-imports, worded once for tail and search. */
export function withSchemaFlags<T extends Command>(command: T): T {
  return command
    .option(
      '--schema <file>',
      'decode records with this schema file for this command, in place of the stream binding: .avsc, .proto, .desc/.pb (FileDescriptorSet) or .json (JSON Schema); framed records (Glue Schema Registry, Confluent) have their header read past',
    )
    .option('--message <name>', 'with a .proto or descriptor set: the message type records are read as (e.g. shop.Order)')
    .option('--schema-imports <folder>', "with a .proto: where its imports are found (default: the file's folder)") as T;
}

/** The schema file a command was given, as the contract takes it; paths are the caller's, made absolute here. */
export function schemaFileOf(opts: SchemaFlags): LocalSchemaFileInput | undefined {
  if (!opts.schema) {
    if (opts.message || opts.schemaImports) throw new InvalidArgumentError('--message and --schema-imports go with --schema.');
    return undefined;
  }
  return {
    path: resolvePath(opts.schema),
    ...(opts.message ? { message: opts.message } : {}),
    ...(opts.schemaImports ? { importDir: resolvePath(opts.schemaImports) } : {}),
  };
}

export interface WriteSchemaFlags {
  schemaRegistry?: string;
  schema?: string;
  message?: string;
  schemaImports?: string;
  wire?: 'gsr' | 'confluent' | 'raw';
  zlib?: boolean;
}

/** --schema-registry, --schema, --message, --schema-imports, --wire and --zlib, worded once for put and produce. */
export function withWriteSchemaFlags<T extends Command>(command: T): T {
  return command
    .option(
      '--schema-registry <glue|confluent|url>',
      "encode the JSON data with a registry's schema: glue (the connection's Glue Schema Registry), confluent (the connection's Confluent-compatible registry, with its credentials) or a Confluent-compatible registry's URL",
    )
    .option(
      '--schema <name[:version]|file>',
      'with --schema-registry: the schema (Glue: [REGISTRY/]NAME, in default-registry when no registry is named; Confluent: the subject) and its version (default: latest); without: a schema file (.avsc, .proto, .desc/.pb, .json) to encode with',
    )
    .option('--message <name>', 'with a Protobuf schema of several message types: the one to write (e.g. shop.Order)')
    .option('--schema-imports <folder>', "with a .proto file: where its imports are found (default: the file's folder)")
    .option(
      '--wire <format>',
      "how the record carries its schema: gsr (Glue Schema Registry header), confluent (magic byte and id) or raw (no header); default: the registry's own, raw for a file",
    )
    .option('--zlib', 'with --wire gsr: compress the record body with zlib, as GSR serializers do with compression=ZLIB') as T;
}

const WIRES = new Set(['gsr', 'confluent', 'raw']);

/** NAME, NAME:3 or NAME:latest; a version is the part after the last colon when it is a number or "latest". */
function nameAndVersion(text: string): { name: string; version: number | 'latest' } {
  const match = /^(.*):(\d+|latest)$/.exec(text);
  if (!match) return { name: text, version: 'latest' };
  return { name: match[1]!, version: match[2] === 'latest' ? 'latest' : Number(match[2]) };
}

/** The encoding put and produce were given, as the contract takes it; a file's paths made absolute here. */
export function writeEncodingOf(opts: WriteSchemaFlags): WriteEncodingInput | undefined {
  if (!opts.schema) {
    if (opts.schemaRegistry || opts.message || opts.schemaImports || opts.wire || opts.zlib)
      throw new InvalidArgumentError('--schema-registry, --message, --schema-imports, --wire and --zlib go with --schema.');
    return undefined;
  }
  if (opts.wire && !WIRES.has(opts.wire)) throw new InvalidArgumentError(`--wire: "${opts.wire}" is not gsr, confluent or raw.`);
  const message = opts.message ? { message: opts.message } : {};
  let source: WriteEncodingInput['source'];
  let wire: string;
  if (opts.schemaRegistry === undefined) {
    source = {
      kind: 'file',
      file: { path: resolvePath(opts.schema), ...message, ...(opts.schemaImports ? { importDir: resolvePath(opts.schemaImports) } : {}) },
    };
    wire = opts.wire ?? 'raw';
  } else {
    if (opts.schemaImports) throw new InvalidArgumentError('--schema-imports goes with a .proto file, not a registry.');
    const { name, version } = nameAndVersion(opts.schema);
    if (opts.schemaRegistry === 'glue') {
      const slash = name.indexOf('/');
      source = {
        kind: 'glue',
        ...(slash >= 0 ? { registry: name.slice(0, slash), name: name.slice(slash + 1) } : { name }),
        version,
        ...message,
      };
      wire = opts.wire ?? 'gsr';
    } else if (opts.schemaRegistry === 'confluent' || /^https?:\/\//i.test(opts.schemaRegistry)) {
      const url = opts.schemaRegistry === 'confluent' ? {} : { url: opts.schemaRegistry };
      source = { kind: 'confluent', ...url, subject: name, version, ...message };
      wire = opts.wire ?? 'confluent';
    } else throw new InvalidArgumentError('--schema-registry: "glue", "confluent", or a Confluent-compatible registry\'s http(s) URL.');
  }
  if (opts.zlib && wire !== 'gsr')
    throw new InvalidArgumentError('--zlib goes with --wire gsr: only GSR framing says its body is compressed.');
  return { source, wire: (opts.zlib ? 'gsr-zlib' : wire) as WriteEncodingInput['wire'] };
}
