import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import type { PermissionReport } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { startFakeLambda, type FakeLambda } from '../support/fake-lambda';
import { policyFor, proxiedStreamArn, proxiedTableArn, startIamProxy, type IamProxy, type PolicyDocument } from '../support/iam-proxy';
import { getLease, kcl2Item, leaseTable, startDynalite, type LocalDynamo } from '../support/lease-tables';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

const STREAM = 'consumed';
const TABLE = 'consumed-app';
const READ = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:ListShards',
  'kinesis:GetShardIterator',
  'kinesis:GetRecords',
];

describe('the permission checker for the Consumers panel, against IAM-enforcing Kinesis and DynamoDB (kinesalite, dynalite)', () => {
  let kinesis: RunningKinesisServer;
  let dynamo: LocalDynamo;
  let proxy: IamProxy;
  let lambda: FakeLambda;
  const apps: ShardscopeApp[] = [];
  const saved = process.env.AWS_ENDPOINT_URL_LAMBDA;

  beforeAll(async () => {
    [kinesis, dynamo] = await Promise.all([startKinesisServer('kinesalite'), startDynalite()]);
    const client = arrangeClient(kinesis);
    await createStream(client, STREAM, 1);
    client.destroy();
    await leaseTable(dynamo.client, TABLE, [kcl2Item({ shardId: 'shardId-000000000000', owner: 'w', checkpoint: 'LATEST' })]);
    proxy = await startIamProxy(kinesis.endpoint, dynamo.endpoint);
    lambda = await startFakeLambda({});
    process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.endpoint;
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all([proxy?.close(), lambda?.close(), dynamo?.stop(), kinesis?.stop()]);
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_LAMBDA;
    else process.env.AWS_ENDPOINT_URL_LAMBDA = saved;
  });

  async function caller(policies: PolicyDocument[]) {
    const accessKeyId = `AKIACONSUMERS${String(apps.length).padStart(4, '0')}`;
    const granted = [...policies];
    proxy.setPolicies(accessKeyId, 'reader', granted);
    const app = await startTestApp({
      connection: {
        kind: 'endpoint',
        endpoint: proxy.endpoint,
        dynamodbEndpoint: proxy.endpoint,
        region: 'us-east-1',
        credentials: async () => ({ accessKeyId, secretAccessKey: 'x' }),
      },
    });
    apps.push(app);
    return {
      check: async (options: { writeProbe?: boolean; leaseTables?: string[] } = {}) => {
        const result = await app.dispatch('permissions:check', { name: STREAM, ...options }, nobody);
        if (!result.ok) throw new Error(result.error.message);
        return result.value as PermissionReport;
      },
      grant: (policy: PolicyDocument) => {
        granted.push(policy);
        proxy.setPolicies(accessKeyId, 'reader', granted);
      },
    };
  }
  const statusOf = (report: PermissionReport) => Object.fromEntries(report.actions.map((a) => [a.action, a.status]));
  const consumerStatuses = (report: PermissionReport) =>
    ['dynamodb:ListTables', 'dynamodb:DescribeTable', 'dynamodb:Scan', 'dynamodb:UpdateItem', 'lambda:ListEventSourceMappings'].map(
      (action) => statusOf(report)[action],
    );

  it('finds what the panel lacks on the lease table, and the fix policy grants exactly that on the table', async () => {
    const { check, grant } = await caller([policyFor(['kinesis:ListStreams'], ['*']), policyFor(READ, [proxiedStreamArn(STREAM)])]);
    const report = await check({ leaseTables: [TABLE] });
    expect(consumerStatuses(report)).toEqual(['missing', 'missing', 'missing', 'unchecked', 'granted']);
    expect(report.actions.find((a) => a.action === 'dynamodb:Scan')!.reason).toContain(
      `is not authorized to perform: dynamodb:Scan on resource: ${proxiedTableArn(TABLE)}`,
    );
    // Named by nobody, and ListTables refused: the remedy is to name the application, each host in its own words.
    expect((await check()).actions.find((a) => a.action === 'dynamodb:DescribeTable')).toMatchObject({
      status: 'unchecked',
      reason: 'No lease table to check: ListTables was refused.',
      remedy: 'name-lease-table',
    });
    expect(report.fixPolicy!.Statement).toEqual(
      expect.arrayContaining([
        {
          Sid: 'ShardscopeLeaseTables',
          Effect: 'Allow',
          Action: ['dynamodb:DescribeTable', 'dynamodb:Scan'],
          Resource: [proxiedTableArn(TABLE)],
        },
        { Sid: 'ShardscopeConsumerLookups', Effect: 'Allow', Action: ['dynamodb:ListTables'], Resource: ['*'] },
      ]),
    );
    grant(report.fixPolicy!);
    const after = await check({ leaseTables: [TABLE] });
    expect(consumerStatuses(after).slice(0, 3)).toEqual(['granted', 'granted', 'granted']);

    // Found by its shape once ListTables is allowed, without naming it.
    expect(consumerStatuses(await check()).slice(0, 3)).toEqual(['granted', 'granted', 'granted']);
  });

  it('checks UpdateItem only on request, with an update that changes nothing', async () => {
    const { check, grant } = await caller([
      policyFor(['kinesis:ListStreams', 'dynamodb:ListTables'], ['*']),
      policyFor(READ, [proxiedStreamArn(STREAM)]),
      policyFor(['dynamodb:DescribeTable', 'dynamodb:Scan'], [proxiedTableArn(TABLE)]),
    ]);
    const before = await getLease(dynamo.client, TABLE, 'shardId-000000000000');
    const report = await check({ writeProbe: true, leaseTables: [TABLE] });
    expect(statusOf(report)['dynamodb:UpdateItem']).toBe('missing');
    grant(policyFor(['dynamodb:UpdateItem'], [proxiedTableArn(TABLE)]));
    expect(statusOf(await check({ writeProbe: true, leaseTables: [TABLE] }))['dynamodb:UpdateItem']).toBe('granted');
    expect(await getLease(dynamo.client, TABLE, 'shardId-000000000000')).toEqual(before);
    await expect(getLease(dynamo.client, TABLE, 'shardscope-permission-check')).rejects.toThrow('no lease');
  });
});
