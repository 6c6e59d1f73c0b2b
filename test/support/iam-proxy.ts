import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runSimulation } from '@cloud-copilot/iam-simulate';

// A devDependency only (AGPL-3.0): it evaluates policies in tests and never ships in the app.

export const PROXY_ACCOUNT = '000000000000';
export const PROXY_REGION = 'us-east-1';

export type PolicyDocument = { Version: string; Statement: unknown[] };

export interface IamProxy {
  endpoint: string;
  /** Gives an access key its identity policies (an empty list: a user with no policy at all). */
  setPolicies(accessKeyId: string, userName: string, policies: PolicyDocument[]): void;
  /** Every authorization decision, in order: which action on which resource, allowed or not. */
  decisions: { action: string; resource: string; allowed: boolean }[];
  close(): Promise<void>;
}

const streamArn = (name: string) => `arn:aws:kinesis:${PROXY_REGION}:${PROXY_ACCOUNT}:stream/${name}`;
const glueArn = (resource: string) => `arn:aws:glue:${PROXY_REGION}:${PROXY_ACCOUNT}:${resource}`;
const tableArn = (name: string) => `arn:aws:dynamodb:${PROXY_REGION}:${PROXY_ACCOUNT}:table/${name}`;

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Kinesis as IAM would guard it: each request is evaluated against the signing key's policies
 * with a real policy engine, and a denied one is answered exactly as Kinesis answers it.
 * Allowed requests go on to the local Kinesis behind it, or DynamoDB's (lease tables) to the
 * local DynamoDB, when one is given: the proxy is then the connection's DynamoDB endpoint too.
 */
export async function startIamProxy(upstream: string, dynamodbUpstream?: string, glueUpstream?: string): Promise<IamProxy> {
  const principals: ProxyPrincipals = new Map();
  const iteratorStreams = new Map<string, string>();
  const decisions: IamProxy['decisions'] = [];
  const target = new URL(upstream);

  const resourceOf = (operation: string, body: Record<string, unknown>): string => {
    // Glue: a version by id names no schema here, so it stands as one of its own; AWS's examples grant it on "*", which matches.
    if (typeof body.SchemaVersionId === 'string' && !body.SchemaId) return glueArn(`schema/by-version-id/${body.SchemaVersionId}`);
    const schemaId = body.SchemaId as { SchemaArn?: string; SchemaName?: string; RegistryName?: string } | undefined;
    if (schemaId?.SchemaArn) return schemaId.SchemaArn;
    if (schemaId?.SchemaName) return glueArn(`schema/${schemaId.RegistryName ?? 'default-registry'}/${schemaId.SchemaName}`);
    const registryId = body.RegistryId as { RegistryName?: string } | undefined;
    if (registryId?.RegistryName) return glueArn(`registry/${registryId.RegistryName}`);
    if (operation === 'ListStreams' || operation === 'ListTables') return '*';
    if (typeof body.TableName === 'string') return tableArn(body.TableName);
    if (typeof body.ConsumerARN === 'string') return body.ConsumerARN;
    if (typeof body.StreamARN === 'string') return body.StreamARN;
    if (typeof body.StreamName === 'string') return streamArn(body.StreamName);
    if (typeof body.ShardIterator === 'string') return iteratorStreams.get(body.ShardIterator) ?? '*';
    return '*';
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await read(req);
    const [service = '', operation = ''] = String(req.headers['x-amz-target'] ?? '').split('.');
    const dynamodb = service.startsWith('DynamoDB');
    const glue = service === 'AWSGlue';
    const body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    const accessKeyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const principal = principals.get(accessKeyId) ?? { arn: `arn:aws:iam::${PROXY_ACCOUNT}:user/unknown`, policies: [] };
    const action = `${dynamodb ? 'dynamodb' : glue ? 'glue' : 'kinesis'}:${operation}`;
    const resource = resourceOf(operation, body);
    const simulation = await runSimulation(
      {
        request: { principal: principal.arn, action, resource: { resource, accountId: PROXY_ACCOUNT }, contextVariables: {} },
        identityPolicies: principal.policies.map((policy, index) => ({ name: `policy-${index}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    const allowed = simulation.resultType === 'single' && simulation.overallResult === 'Allowed';
    decisions.push({ action, resource, allowed });
    if (!allowed) {
      const why =
        simulation.resultType === 'single' && simulation.overallResult === 'ExplicitlyDenied'
          ? 'with an explicit deny in an identity-based policy'
          : `because no identity-based policy allows the ${action} action`;
      res.writeHead(400, { 'Content-Type': dynamodb ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({
          __type: 'AccessDeniedException',
          message: `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`,
        }),
      );
      return;
    }
    const to = dynamodb && dynamodbUpstream ? new URL(dynamodbUpstream) : glue && glueUpstream ? new URL(glueUpstream) : target;
    const forward = request(
      { hostname: to.hostname, port: to.port, path: req.url, method: req.method, headers: { ...req.headers, host: to.host } },
      async (upstreamRes) => {
        const answer = await read(upstreamRes);
        // Remember which stream an iterator belongs to, as Kinesis knows from the iterator itself.
        if ((operation === 'GetShardIterator' || operation === 'GetRecords') && upstreamRes.statusCode === 200) {
          const parsed = JSON.parse(answer.toString('utf8')) as { ShardIterator?: string; NextShardIterator?: string };
          const stream = operation === 'GetShardIterator' ? resource : (iteratorStreams.get(String(body.ShardIterator)) ?? '*');
          for (const next of [parsed.ShardIterator, parsed.NextShardIterator]) if (next) iteratorStreams.set(next, stream);
        }
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        res.end(answer);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    forward.end(raw);
  });
  return listenAsProxy(server, principals, decisions);
}

/** The principals an IAM proxy knows, by access key: who each is and its identity policies. */
export type ProxyPrincipals = Map<string, { arn: string; policies: PolicyDocument[] }>;

/** A proxy's server listening on loopback, with the handle every IAM proxy's tests use. */
export async function listenAsProxy(server: Server, principals: ProxyPrincipals, decisions: IamProxy['decisions']): Promise<IamProxy> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setPolicies: (accessKeyId, userName, policies) =>
      principals.set(accessKeyId, { arn: `arn:aws:iam::${PROXY_ACCOUNT}:user/${userName}`, policies }),
    decisions,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const policyFor = (actions: string[], resources: string[], effect: 'Allow' | 'Deny' = 'Allow'): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: effect, Action: actions, Resource: resources }],
});

export { streamArn as proxiedStreamArn, tableArn as proxiedTableArn };
