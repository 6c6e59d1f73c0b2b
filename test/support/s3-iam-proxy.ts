import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { listenAsProxy, PROXY_ACCOUNT, PROXY_REGION, type IamProxy, type PolicyDocument, type ProxyPrincipals } from './iam-proxy';

// A devDependency only (AGPL-3.0): it evaluates policies in tests and never ships in the app.

export type S3IamProxy = IamProxy;

const DEFAULT_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROXY_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};

export const kmsKeyArn = (id: string) => `arn:aws:kms:${PROXY_REGION}:${PROXY_ACCOUNT}:key/${id}`;

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The action IAM authorizes for a path-style S3 request, and the resource it names. */
function actionOf(method: string, url: URL): { action: string; resource: string } {
  const [, bucket = '', ...rest] = decodeURIComponent(url.pathname).split('/');
  const key = rest.join('/');
  if (!key)
    return {
      action: url.searchParams.has('uploads') ? 's3:ListBucketMultipartUploads' : 's3:ListBucket',
      resource: `arn:aws:s3:::${bucket}`,
    };
  const object = `arn:aws:s3:::${bucket}/${key}`;
  if (method === 'GET' || method === 'HEAD') return { action: 's3:GetObject', resource: object };
  if (method === 'DELETE')
    return { action: url.searchParams.has('uploadId') ? 's3:AbortMultipartUpload' : 's3:DeleteObject', resource: object };
  return { action: 's3:PutObject', resource: object };
}

/**
 * S3 as IAM would guard it, in front of the local S3: each request is evaluated against the
 * signing key's policies with a real policy engine and a denial is answered as S3 answers it.
 * Like S3, a write with SSE-KMS also needs kms:GenerateDataKey on the key, and reading an object
 * written so needs kms:Decrypt, both in the caller's name. Allowed requests go on signed with
 * the key the local S3 knows (it checks the key id, not the signature).
 */
export async function startS3IamProxy(upstream: string): Promise<S3IamProxy> {
  const principals: ProxyPrincipals = new Map();
  const encryptedWith = new Map<string, string>();
  const decisions: S3IamProxy['decisions'] = [];
  const target = new URL(upstream);

  const allows = async (principal: { arn: string; policies: PolicyDocument[] }, action: string, resource: string) => {
    const simulation = await runSimulation(
      {
        request: { principal: principal.arn, action, resource: { resource, accountId: PROXY_ACCOUNT }, contextVariables: {} },
        identityPolicies: principal.policies.map((policy, index) => ({ name: `policy-${index}`, policy })),
        // A KMS key is used only where its key policy lets IAM decide: the default key policy does.
        ...(action.startsWith('kms:') ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    const allowed = simulation.resultType === 'single' && simulation.overallResult === 'Allowed';
    decisions.push({ action, resource, allowed });
    return allowed;
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await read(req);
    const url = new URL(req.url ?? '/', 'http://s3');
    const accessKeyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const principal = principals.get(accessKeyId) ?? { arn: `arn:aws:iam::${PROXY_ACCOUNT}:user/unknown`, policies: [] };
    const { action, resource } = actionOf(req.method ?? 'GET', url);
    const needs = [{ action, resource }];
    const sseKey =
      req.headers['x-amz-server-side-encryption'] === 'aws:kms'
        ? String(req.headers['x-amz-server-side-encryption-aws-kms-key-id'] ?? kmsKeyArn('aws-s3'))
        : null;
    if (action === 's3:PutObject' && sseKey) needs.push({ action: 'kms:GenerateDataKey', resource: sseKey });
    if (action === 's3:GetObject' && encryptedWith.has(resource))
      needs.push({ action: 'kms:Decrypt', resource: encryptedWith.get(resource)! });
    for (const need of needs) {
      if (await allows(principal, need.action, need.resource)) continue;
      res.writeHead(403, { 'Content-Type': 'application/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>User: ${principal.arn} is not authorized to perform: ${need.action} on resource: ${need.resource} because no identity-based policy allows the ${need.action} action</Message><RequestId>proxy</RequestId></Error>`,
      );
      return;
    }
    const authorization = (req.headers.authorization ?? '').replace(/Credential=[^/]+\//, 'Credential=LOCAL/');
    const forward = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host, authorization },
      },
      async (upstreamRes) => {
        const answer = await read(upstreamRes);
        if (action === 's3:PutObject' && sseKey && (upstreamRes.statusCode ?? 500) < 300) encryptedWith.set(resource, sseKey);
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        res.end(answer);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    forward.end(raw);
  });
  return listenAsProxy(server, principals, decisions);
}
