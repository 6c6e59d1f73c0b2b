import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import { startLocalGlueRegistry, type LocalGlueRegistry } from '../../main/domain/sandbox/registries/glue-registry-server';
import type { PermissionReport } from '../../shared/contract';
import { startTestApp } from '../support/app';
import {
  PROXY_ACCOUNT,
  PROXY_REGION,
  policyFor,
  proxiedStreamArn,
  startIamProxy,
  type IamProxy,
  type PolicyDocument,
} from '../support/iam-proxy';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

const STREAM = 'payments';
const GLUE = ['glue:GetSchemaVersion', 'glue:GetSchema', 'glue:ListSchemas'];
const READ = [
  'kinesis:ListStreamConsumers',
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:ListShards',
  'kinesis:GetShardIterator',
  'kinesis:GetRecords',
];

describe('the permission checker for the Glue Schema Registry, against IAM-enforcing Kinesis and Glue (kinesalite, the Glue stand-in)', () => {
  let kinesis: RunningKinesisServer;
  let glue: LocalGlueRegistry;
  let proxy: IamProxy;
  const apps: ShardscopeApp[] = [];

  beforeAll(async () => {
    [kinesis, glue] = await Promise.all([startKinesisServer('kinesalite'), startLocalGlueRegistry({ region: PROXY_REGION })]);
    const client = arrangeClient(kinesis);
    await createStream(client, STREAM, 1);
    client.destroy();
    proxy = await startIamProxy(kinesis.endpoint, undefined, glue.endpoint);
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all([proxy?.close(), glue?.close(), kinesis?.stop()]);
  });

  async function caller(policies: PolicyDocument[], glueEndpoint: string | null = proxy.endpoint) {
    const accessKeyId = `AKIAGLUECHECK${String(apps.length).padStart(4, '0')}`;
    const granted = [...policies];
    proxy.setPolicies(accessKeyId, 'reader', granted);
    const app = await startTestApp({
      connection: {
        kind: 'endpoint',
        endpoint: proxy.endpoint,
        glueEndpoint,
        region: PROXY_REGION,
        credentials: async () => ({ accessKeyId, secretAccessKey: 'x' }),
      },
    });
    apps.push(app);
    return {
      check: async () => {
        const result = await app.dispatch('permissions:check', { name: STREAM }, nobody);
        if (!result.ok) throw new Error(result.error.message);
        return result.value as PermissionReport;
      },
      grant: (policy: PolicyDocument) => {
        granted.push(policy);
        proxy.setPolicies(accessKeyId, 'reader', granted);
      },
    };
  }
  const glueStatuses = (report: PermissionReport) => GLUE.map((action) => report.actions.find((a) => a.action === action)?.status);

  it('finds the Glue actions missing, and its fix policy grants them: GetSchemaVersion on "*", the rest on registries and schemas', async () => {
    const { check, grant } = await caller([policyFor(['kinesis:ListStreams'], ['*']), policyFor(READ, [proxiedStreamArn(STREAM)])]);
    const report = await check();
    expect(glueStatuses(report)).toEqual(['missing', 'missing', 'missing']);
    expect(report.actions.find((a) => a.action === 'glue:GetSchemaVersion')!.reason).toContain(
      'not authorized to perform: glue:GetSchemaVersion',
    );
    const glueArn = `arn:aws:glue:${PROXY_REGION}:${PROXY_ACCOUNT}`;
    expect(report.fixPolicy!.Statement).toEqual([
      { Sid: 'ShardscopeSchemaVersions', Effect: 'Allow', Action: ['glue:GetSchemaVersion'], Resource: ['*'] },
      {
        Sid: 'ShardscopeSchemaRegistries',
        Effect: 'Allow',
        Action: ['glue:GetSchema', 'glue:ListSchemas'],
        Resource: [`${glueArn}:registry/*`, `${glueArn}:schema/*`],
      },
    ]);
    grant(report.fixPolicy!);
    const after = await check();
    expect(glueStatuses(after)).toEqual(['granted', 'granted', 'granted']);
    expect(after.fixPolicy).toBeNull();
  });

  it('says GetSchema is missing when only versions are granted', async () => {
    const { check } = await caller([
      policyFor(['kinesis:ListStreams', 'glue:GetSchemaVersion'], ['*']),
      policyFor(READ, [proxiedStreamArn(STREAM)]),
    ]);
    expect(glueStatuses(await check())).toEqual(['granted', 'missing', 'missing']);
  });

  it('leaves the Glue actions unchecked on a local connection that names no Glue endpoint', async () => {
    const { check } = await caller([policyFor(['kinesis:ListStreams'], ['*']), policyFor(READ, [proxiedStreamArn(STREAM)])], null);
    const report = await check();
    expect(glueStatuses(report)).toEqual(['unchecked', 'unchecked', 'unchecked']);
    expect(report.actions.find((a) => a.action === 'glue:GetSchema')!.reason).toBe(
      'This connection names no Glue endpoint for its schema registry.',
    );
  });
});
