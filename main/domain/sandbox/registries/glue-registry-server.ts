import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocally, type LocalKinesis } from '../kinesalite-server';
import { GlueFault, GlueRegistryState } from './glue-registry-state';
import { BodyTooLarge, parseJsonObject, readCappedBody, sendJson } from './http-body';

const JSON_11 = 'application/x-amz-json-1.1';

type Operation = (state: GlueRegistryState, input: Record<string, unknown>) => unknown;

/** The calls the Glue Schema Registry's serializers and Shardscope make, by X-Amz-Target. */
const operations: Record<string, Operation> = {
  CreateRegistry: (state, input) => state.createRegistry(input),
  CreateSchema: (state, input) => state.createSchema(input),
  RegisterSchemaVersion: (state, input) => state.registerSchemaVersion(input),
  GetSchemaVersion: (state, input) => state.getSchemaVersion(input),
  GetSchemaByDefinition: (state, input) => state.getSchemaByDefinition(input),
  GetSchema: (state, input) => state.getSchema(input),
  ListRegistries: (state, input) => state.listRegistries(input),
  ListSchemas: (state, input) => state.listSchemas(input),
  ListSchemaVersions: (state, input) => state.listSchemaVersions(input),
};

export interface LocalGlueRegistry extends LocalKinesis {
  state: GlueRegistryState;
  /** Calls answered so far, by operation: what a cache is checked against. */
  calls: Map<string, number>;
  /** Answers these operations with AccessDeniedException, as Glue does for a principal without the action. */
  refused: Set<string>;
}

/**
 * A loopback stand-in for the Glue Schema Registry: Glue's JSON 1.1 protocol (POST /,
 * X-Amz-Target AWSGlue.<Operation>) and its error bodies, for the calls GSR uses. Any signature
 * is accepted, as kinesalite accepts any keys.
 */
export async function startLocalGlueRegistry(options: { host?: string; region: string }): Promise<LocalGlueRegistry> {
  const state = new GlueRegistryState(options.region);
  const calls = new Map<string, number>();
  const refused = new Set<string>();
  const server = createServer((request, response) => {
    handle(request, response).catch(() => fault(response, 500, 'InternalServiceException', 'The registry failed.'));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = String(request.headers['x-amz-target'] ?? '');
    const name = target.startsWith('AWSGlue.') ? target.slice('AWSGlue.'.length) : '';
    const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
    if (request.method !== 'POST' || request.url !== '/' || !operation) {
      request.resume();
      return fault(response, 400, 'UnknownOperationException', `The operation ${target || '(none)'} is not served here.`);
    }
    let body: string;
    try {
      body = await readCappedBody(request);
    } catch (error) {
      if (error instanceof BodyTooLarge) return fault(response, 413, 'InvalidInputException', 'The request body is too large.');
      throw error;
    }
    const input = parseJsonObject(body);
    if (!input) return fault(response, 400, 'SerializationException', 'The request body is not a JSON object.');
    calls.set(name, (calls.get(name) ?? 0) + 1);
    if (refused.has(name)) {
      return fault(
        response,
        400,
        'AccessDeniedException',
        `User: arn:aws:iam::000000000000:user/sandbox is not authorized to perform: glue:${name}`,
      );
    }
    try {
      sendJson(response, 200, operation(state, input), JSON_11);
    } catch (error) {
      if (error instanceof GlueFault) return fault(response, 400, error.type, error.message);
      throw error;
    }
  }

  const local = await listenLocally(server, options.host ?? '127.0.0.1', 0);
  return { ...local, state, calls, refused };
}

/** Glue's error body: the SDK reads the exception's name from `__type` and its text from `Message`. */
function fault(response: ServerResponse, status: number, type: string, message: string): void {
  if (response.headersSent) return void response.destroy();
  sendJson(response, status, { __type: type, Message: message }, JSON_11);
}
