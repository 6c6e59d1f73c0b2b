import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { listenLocally, type LocalKinesis } from '../kinesalite-server';
import { BodyTooLarge, parseJsonObject, readCappedBody, sendJson } from './http-body';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const SCHEMA_TYPES = new Set(['AVRO', 'PROTOBUF', 'JSON']);

interface Reference {
  name: string;
  subject: string;
  version: number;
}

interface Registered {
  id: number;
  schema: string;
  schemaType: string;
  references: Reference[];
}

export type RegistryCredentials = { basic: { username: string; password: string } } | { bearer: string } | null;

export interface LocalConfluentRegistry extends LocalKinesis {
  /** Requests answered so far, by "METHOD path pattern": what a cache is checked against. */
  calls: Map<string, number>;
  /** Registers a schema under a subject as a producer would (POST /subjects/{s}/versions). */
  register(subject: string, schema: string, schemaType?: string, references?: Reference[]): { id: number; version: number };
}

/**
 * A loopback stand-in for a Confluent-compatible schema registry: the REST calls a serializer
 * and Shardscope make, its error bodies (`error_code`, `message`), and optional Basic or Bearer
 * credentials checked as Confluent's are.
 */
export async function startLocalConfluentRegistry(
  options: { host?: string; credentials?: RegistryCredentials } = {},
): Promise<LocalConfluentRegistry> {
  const schemas: Registered[] = [];
  const subjects = new Map<string, number[]>();
  const calls = new Map<string, number>();

  function register(subject: string, schema: string, schemaType = 'AVRO', references: Reference[] = []) {
    // Confluent gives one id to one schema text, whichever subjects it is registered under.
    let found = schemas.find((known) => known.schema === schema && known.schemaType === schemaType);
    if (!found) {
      found = { id: schemas.length + 1, schema, schemaType, references };
      schemas.push(found);
    }
    const versions = subjects.get(subject) ?? [];
    if (!versions.includes(found.id)) versions.push(found.id);
    subjects.set(subject, versions);
    return { id: found.id, version: versions.indexOf(found.id) + 1 };
  }

  const entity = (schema: Registered) => ({
    schema: schema.schema,
    // Absent means AVRO, as Confluent leaves it out.
    ...(schema.schemaType === 'AVRO' ? {} : { schemaType: schema.schemaType }),
    ...(schema.references.length ? { references: schema.references } : {}),
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!authorized(request, options.credentials ?? null)) {
      request.resume();
      return sendJson(response, 401, { error_code: 40101, message: 'Unauthorized' }, CONTENT_TYPE);
    }
    const url = new URL(request.url ?? '/', 'http://registry');
    const route = ROUTES.find(([method, pattern]) => method === request.method && pattern.test(url.pathname));
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const label = route ? `${route[0]} ${route[2]}` : 'unknown';
    calls.set(label, (calls.get(label) ?? 0) + 1);
    const byId = (id: string) => schemas.find((schema) => String(schema.id) === id);
    const versionsOf = (subject: string) => subjects.get(subject);
    switch (route?.[2]) {
      case '/schemas/ids/{id}': {
        const schema = byId(parts[2]!);
        return schema ? sendJson(response, 200, entity(schema), CONTENT_TYPE) : notFound(response, 40403, 'Schema not found');
      }
      case '/schemas/ids/{id}/versions': {
        const schema = byId(parts[2]!);
        if (!schema) return notFound(response, 40403, 'Schema not found');
        const uses = [...subjects].flatMap(([subject, ids]) =>
          ids.includes(schema.id) ? [{ subject, version: ids.indexOf(schema.id) + 1 }] : [],
        );
        return sendJson(response, 200, uses, CONTENT_TYPE);
      }
      case '/subjects':
        return sendJson(response, 200, [...subjects.keys()], CONTENT_TYPE);
      case '/subjects/{s}/versions': {
        const versions = versionsOf(parts[1]!);
        return versions
          ? sendJson(
              response,
              200,
              versions.map((_, index) => index + 1),
              CONTENT_TYPE,
            )
          : notFound(response, 40401, 'Subject not found');
      }
      case '/subjects/{s}/versions/{v}': {
        const versions = versionsOf(parts[1]!);
        if (!versions) return notFound(response, 40401, 'Subject not found');
        const number = parts[3] === 'latest' ? versions.length : Number(parts[3]);
        const schema = byId(String(versions[number - 1]));
        if (!schema) return notFound(response, 40402, 'Version not found');
        return sendJson(response, 200, { subject: parts[1], version: number, id: schema.id, ...entity(schema) }, CONTENT_TYPE);
      }
      case 'register': {
        let body: Record<string, unknown> | null;
        try {
          body = parseJsonObject(await readCappedBody(request));
        } catch (error) {
          if (error instanceof BodyTooLarge)
            return sendJson(response, 413, { error_code: 41301, message: 'Request too large' }, CONTENT_TYPE);
          throw error;
        }
        const schemaType = typeof body?.schemaType === 'string' ? body.schemaType : 'AVRO';
        if (!body || typeof body.schema !== 'string' || !SCHEMA_TYPES.has(schemaType))
          return sendJson(response, 422, { error_code: 42201, message: 'Invalid schema' }, CONTENT_TYPE);
        const references = Array.isArray(body.references) ? (body.references as Reference[]) : [];
        return sendJson(response, 200, { id: register(parts[1]!, body.schema, schemaType, references).id }, CONTENT_TYPE);
      }
      default:
        request.resume();
        return notFound(response, 404, 'HTTP 404 Not Found');
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => sendJson(response, 500, { error_code: 50001, message: 'Error in the backend' }, CONTENT_TYPE));
  });
  const local = await listenLocally(server, options.host ?? '127.0.0.1', 0);
  return { ...local, calls, register };
}

/** The calls served, each with the name `calls` counts it under. */
const ROUTES: [string, RegExp, string][] = [
  ['GET', /^\/schemas\/ids\/\d+$/, '/schemas/ids/{id}'],
  ['GET', /^\/schemas\/ids\/\d+\/versions$/, '/schemas/ids/{id}/versions'],
  ['GET', /^\/subjects\/?$/, '/subjects'],
  ['GET', /^\/subjects\/[^/]+\/versions$/, '/subjects/{s}/versions'],
  ['GET', /^\/subjects\/[^/]+\/versions\/(\d+|latest)$/, '/subjects/{s}/versions/{v}'],
  ['POST', /^\/subjects\/[^/]+\/versions$/, 'register'],
];

function notFound(response: ServerResponse, code: number, message: string): void {
  sendJson(response, 404, { error_code: code, message }, CONTENT_TYPE);
}

function authorized(request: IncomingMessage, credentials: RegistryCredentials): boolean {
  if (!credentials) return true;
  const expected =
    'basic' in credentials
      ? `Basic ${Buffer.from(`${credentials.basic.username}:${credentials.basic.password}`).toString('base64')}`
      : `Bearer ${credentials.bearer}`;
  const given = Buffer.from(request.headers.authorization ?? '');
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
