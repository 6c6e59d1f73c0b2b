import { errorCodesOf, networkFailureWords } from '../../../aws/errors';
import { AppError } from '../../../core/app-error';
import type { ResolvedSchema, SchemaFormat, SchemaLookup, SchemaResolver } from '../../engine/decode/schema/schema-resolver';
import type { SchemaCache } from './schema-cache';

/** How a registry wants to be asked: its secret (a password, a token) comes from the keychain at each fetch. */
export type RegistryAuth = { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export interface ConfluentRegistryOptions {
  /** The registry's base URL, e.g. https://registry.example.com or http://127.0.0.1:8081. */
  url: string;
  auth: () => Promise<RegistryAuth>;
  cache: SchemaCache;
  timeoutMs?: number;
  /** No schema answer is near this; one past it is refused rather than read into memory. */
  maxResponseBytes?: number;
}

const ACCEPT = 'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json';
const FORMATS = new Set<SchemaFormat>(['AVRO', 'PROTOBUF', 'JSON']);
/** References of references are followed, but a registry that loops or fans out without end is not. */
const MAX_REFERENCES = 64;

interface SchemaEntity {
  schema: string;
  schemaType?: string;
  references?: { name: string; subject: string; version: number }[];
}

/**
 * Resolves the schema ids Confluent framing carries through a Confluent-compatible registry
 * (Confluent, Karapace, Apicurio's ccompat API, Redpanda): GET /schemas/ids/{id}, with the
 * schemas it references fetched by subject and version into `imports`.
 */
export class ConfluentSchemaResolver implements SchemaResolver {
  private readonly base: URL;
  private readonly host: string;

  constructor(private readonly options: ConfluentRegistryOptions) {
    this.base = registryUrl(options.url);
    this.host = this.base.host;
  }

  /** The credentials changed: ids refused or missing with the old ones are asked for again at once. */
  forgetFailures(): void {
    this.options.cache.forgetFailures();
  }

  async resolve(lookup: SchemaLookup): Promise<ResolvedSchema> {
    if (lookup.kind !== 'confluent')
      throw new AppError(
        'invalid-input',
        `Version ${lookup.versionId} is a Glue Schema Registry id; a Confluent registry has numeric ids only.`,
      );
    if (!Number.isInteger(lookup.id) || lookup.id < 0) throw new AppError('invalid-input', `${lookup.id} is not a Confluent schema id.`);
    return this.options.cache.get(`confluent:${lookup.id}`, () => this.fetchSchema(lookup.id));
  }

  /**
   * A subject's schema at a version (or the latest), as a producer names the one it writes with:
   * GET /subjects/{subject}/versions/{version}. Not cached by name, since "latest" moves; the
   * schema it gives is then cached by its id.
   */
  async bySubject(subject: string, version: number | 'latest'): Promise<ResolvedSchema> {
    const auth = await this.options.auth();
    const path = `subjects/${encodeURIComponent(subject)}/versions/${version}`;
    const answer = (await this.get(path, auth)) as { id?: unknown; version?: unknown } | null;
    const entity = parseEntity(answer, `${subject} version ${version}`);
    if (!entity || typeof answer?.id !== 'number')
      throw new AppError(
        'not-found',
        `The schema registry at ${this.host} has no subject ${subject}${version === 'latest' ? '' : ` version ${version}`}.`,
      );
    const format = (entity.schemaType ?? 'AVRO') as SchemaFormat;
    if (!FORMATS.has(format))
      throw new AppError('unavailable', `${subject} at ${this.host} is of type ${entity.schemaType}, which Shardscope cannot write.`);
    const imports = await this.references(entity, auth);
    const schema: ResolvedSchema = {
      registry: this.host,
      name: subject,
      version: typeof answer.version === 'number' ? answer.version : null,
      id: String(answer.id),
      format,
      definition: entity.schema,
      ...(Object.keys(imports).length ? { imports } : {}),
    };
    return this.options.cache.get(`confluent:${schema.id}`, async () => schema);
  }

  /** The registry's subjects (GET /subjects), for a picker; at most `limit`. */
  async subjects(limit = 500): Promise<string[]> {
    const answer = await this.get('subjects', await this.options.auth());
    if (!Array.isArray(answer)) throw new AppError('unavailable', `The schema registry at ${this.host} gave no list of subjects.`);
    return answer.filter((subject): subject is string => typeof subject === 'string').slice(0, limit);
  }

  private async fetchSchema(id: number): Promise<ResolvedSchema> {
    const auth = await this.options.auth();
    const entity = parseEntity(await this.get(`schemas/ids/${id}`, auth), `schema ${id}`);
    if (!entity) throw new AppError('not-found', `The schema registry at ${this.host} has no schema with id ${id}.`);
    const format = (entity.schemaType ?? 'AVRO') as SchemaFormat;
    if (!FORMATS.has(format))
      throw new AppError('unavailable', `Schema ${id} at ${this.host} is of type ${entity.schemaType}, which Shardscope cannot decode.`);
    const imports = await this.references(entity, auth);
    // Which subject and version use it; a registry without this call still gives the schema.
    const uses = await this.get(`schemas/ids/${id}/versions`, auth).catch(() => null);
    const first = Array.isArray(uses) ? (uses[0] as { subject?: unknown; version?: unknown } | undefined) : undefined;
    return {
      registry: this.host,
      name: typeof first?.subject === 'string' ? first.subject : `id ${id}`,
      version: typeof first?.version === 'number' ? first.version : null,
      id: String(id),
      format,
      definition: entity.schema,
      ...(Object.keys(imports).length ? { imports } : {}),
    };
  }

  private async references(root: SchemaEntity, auth: RegistryAuth): Promise<Record<string, string>> {
    const imports: Record<string, string> = {};
    const queue = [...(root.references ?? [])];
    while (queue.length > 0) {
      const reference = queue.shift()!;
      if (reference.name in imports) continue;
      if (Object.keys(imports).length >= MAX_REFERENCES)
        throw new AppError('unavailable', `A schema at ${this.host} references more than ${MAX_REFERENCES} others.`);
      const path = `subjects/${encodeURIComponent(reference.subject)}/versions/${encodeURIComponent(String(reference.version))}`;
      const entity = parseEntity(await this.get(path, auth), `${reference.subject} version ${reference.version}`);
      if (!entity)
        throw new AppError(
          'not-found',
          `The schema registry at ${this.host} has no ${reference.subject} version ${reference.version}, which ${reference.name} names.`,
        );
      imports[reference.name] = entity.schema;
      queue.push(...(entity.references ?? []));
    }
    return imports;
  }

  /** One GET, bounded in time and size. Null for a 404; any other failure is an AppError naming the registry, never its credentials. */
  private async get(path: string, auth: RegistryAuth): Promise<unknown> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const url = new URL(path, this.base);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Accept: ACCEPT, ...authorization(auth) },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError')
        throw new AppError('unreachable', `The schema registry at ${this.host} did not answer within ${timeoutMs / 1000} s.`);
      const code = errorCodesOf(error)[0];
      throw new AppError(
        'unreachable',
        `The schema registry at ${this.host} could not be reached: ${code ? networkFailureWords(code) : 'the request failed'}.`,
      );
    }
    const text = await readCapped(response, this.options.maxResponseBytes ?? 4 * 1024 * 1024, this.host);
    if (response.status === 404) return null;
    if (response.status === 401 || response.status === 403)
      throw new AppError(
        'access-denied',
        `The schema registry at ${this.host} refused the request (HTTP ${response.status}): check its credentials.`,
      );
    if (!response.ok)
      throw new AppError('unavailable', `The schema registry at ${this.host} answered HTTP ${response.status}${errorMessageOf(text)}.`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AppError('unavailable', `The schema registry at ${this.host} answered with something that is not JSON.`);
    }
  }
}

/** A registry URL without credentials in it: they belong in the keychain, where no log or file sees them. */
export function registryUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('invalid-input', 'A schema registry is a URL such as https://registry.example.com.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new AppError('invalid-input', 'A schema registry URL uses http or https.');
  if (parsed.username || parsed.password)
    throw new AppError(
      'invalid-input',
      'Give the schema registry URL without a user name or password in it; its credentials are kept in the keychain.',
    );
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  parsed.search = '';
  parsed.hash = '';
  return parsed;
}

function authorization(auth: RegistryAuth): Record<string, string> {
  if (auth.kind === 'basic')
    return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
  if (auth.kind === 'bearer') return { Authorization: `Bearer ${auth.token}` };
  return {};
}

function parseEntity(value: unknown, what: string): SchemaEntity | null {
  if (value === null) return null;
  const entity = value as Partial<SchemaEntity>;
  if (typeof entity?.schema !== 'string') throw new AppError('unavailable', `The schema registry's answer for ${what} has no schema text.`);
  const references = Array.isArray(entity.references)
    ? entity.references.filter((r) => typeof r?.name === 'string' && typeof r.subject === 'string' && r.version !== undefined)
    : [];
  return { schema: entity.schema, schemaType: typeof entity.schemaType === 'string' ? entity.schemaType : undefined, references };
}

/** The registry's own `message`, short, for a failure; its body is not echoed beyond that. */
function errorMessageOf(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? `: ${message.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

async function readCapped(response: Response, maxBytes: number, host: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  const tooLarge = () =>
    new AppError('unavailable', `The schema registry at ${host} sent an answer larger than ${Math.round(maxBytes / 1024)} KiB.`);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
