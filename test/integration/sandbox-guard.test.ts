import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbClient, createKinesisClient, createS3Client } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../main/domain/sandbox/sandbox';
import { AWS_CLI } from '../support/aws-cli';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** A call as a web page's fetch would make it: the headers a browser adds, nothing signed. */
function rawCall(endpoint: string, target: string, headers: Record<string, string>, method = 'POST'): Promise<Answer> {
  const url = new URL(endpoint);
  const body = method === 'POST' ? '{}' : '';
  return new Promise((resolve, reject) =>
    request(
      {
        host: url.hostname,
        port: url.port,
        path: '/',
        method,
        headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    )
      .on('error', reject)
      .end(body),
  );
}

describe('the sandbox behind the loopback guard (kinesalite, dynalite and S3)', () => {
  let sandbox: Sandbox;
  const ports = () => [
    { name: 'kinesalite', endpoint: sandbox.endpoint, target: 'Kinesis_20131202.ListStreams' },
    { name: 'dynalite', endpoint: sandbox.dynamodbEndpoint, target: 'DynamoDB_20120810.ListTables' },
    // S3 ignores the target header; s3rver answers 403 itself to an unsigned call, so the guard's own body is checked too.
    { name: 's3', endpoint: sandbox.s3Endpoint, target: 'none' },
  ];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, demo: false });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('refuses a call carrying any Origin with 403 and no CORS grant, on both ports', async () => {
    for (const { name, endpoint, target } of ports()) {
      for (const origin of ['https://evil.example', 'null', endpoint]) {
        const answer = await rawCall(endpoint, target, { origin });
        expect(answer.status, `${name} with Origin ${origin}`).toBe(403);
        expect(answer.body, name).toMatch(/^Forbidden: /);
        expect(answer.headers['access-control-allow-origin'], name).toBeUndefined();
      }
    }
  });

  it('refuses a rebinding page (its own name as Host) and a CORS preflight with 403, on both ports', async () => {
    for (const { name, endpoint, target } of ports()) {
      const port = new URL(endpoint).port;
      expect((await rawCall(endpoint, target, { host: `evil.example:${port}` })).status, name).toBe(403);
      expect((await rawCall(endpoint, target, { host: `127.0.0.1:${Number(port) + 1}` })).status, name).toBe(403);
      const preflight = await rawCall(
        endpoint,
        target,
        { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        'OPTIONS',
      );
      expect(preflight.status, name).toBe(403);
      expect(preflight.headers['access-control-allow-origin'], name).toBeUndefined();
      const bare = await rawCall(endpoint, target, {}, 'OPTIONS');
      expect(bare.status, name).toBe(403);
    }
  });

  it('answers the SDK as before, on both ports, by address and by localhost', async () => {
    for (const endpoint of [sandbox.endpoint, sandbox.endpoint.replace('127.0.0.1', 'localhost')]) {
      const kinesis = createKinesisClient({ region: sandbox.region, endpoint, credentials: SANDBOX_CREDENTIALS });
      expect((await kinesis.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);
      kinesis.destroy();
    }
    const dynamodb = await createDynamoDbClient({
      region: sandbox.region,
      endpoint: sandbox.dynamodbEndpoint,
      credentials: SANDBOX_CREDENTIALS,
    });
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    dynamodb.destroy();
    const s3 = await createS3Client({ region: sandbox.region, endpoint: sandbox.s3Endpoint, credentials: SANDBOX_CREDENTIALS });
    expect((await s3.send(new ListObjectsV2Command({ Bucket: sandbox.s3Bucket }))).KeyCount).toBe(0);
    s3.destroy();
  });

  it('answers the AWS CLI', async () => {
    const { stdout } = await promisify(execFile)(
      AWS_CLI,
      ['kinesis', 'list-streams', '--endpoint-url', sandbox.endpoint, '--region', sandbox.region, '--output', 'json'],
      { env: { ...process.env, AWS_ACCESS_KEY_ID: 'SANDBOX', AWS_SECRET_ACCESS_KEY: 'SANDBOX', AWS_PAGER: '' } },
    );
    expect(JSON.parse(stdout)).toMatchObject({ StreamNames: [] });
  });

  it('will not listen off loopback', async () => {
    await expect(startSandbox({ host: '0.0.0.0', port: 0, demo: false })).rejects.toThrow(/this machine only/);
  });
});
