import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import type { PermissionReport } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { policyFor, proxiedStreamArn, startIamProxy, type IamProxy, type PolicyDocument } from '../support/iam-proxy';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';
import { nobody } from '../../main/core/sessions/session-owner';

const STREAM = 'guarded';
const ARN = proxiedStreamArn(STREAM);
const REQUIRED = ['kinesis:ListStreams', 'kinesis:DescribeStream', 'kinesis:GetShardIterator', 'kinesis:GetRecords'];
const READ = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:ListShards',
  'kinesis:GetShardIterator',
  'kinesis:GetRecords',
  'kinesis:ListStreamConsumers',
];
const fullRead = (): PolicyDocument[] => [policyFor(['kinesis:ListStreams'], ['*']), policyFor(READ, [ARN])];

describe('the permission checker against an IAM-enforcing Kinesis', () => {
  let kinesis: RunningKinesisServer;
  let proxy: IamProxy;
  const apps: ShardscopeApp[] = [];
  let keys = 0;

  beforeAll(async () => {
    kinesis = await startKinesisServer('kinesalite');
    const client = arrangeClient(kinesis);
    await createStream(client, STREAM, 2);
    client.destroy();
    proxy = await startIamProxy(kinesis.endpoint);
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await proxy?.close();
    await kinesis?.stop();
  });

  /** A fresh caller with these policies, checked through the real dispatcher. */
  async function caller(policies: PolicyDocument[]) {
    const accessKeyId = `AKIATESTCALLER${String(++keys).padStart(4, '0')}`;
    proxy.setPolicies(accessKeyId, `caller-${keys}`, policies);
    const app = await startTestApp({
      connection: {
        kind: 'endpoint',
        endpoint: proxy.endpoint,
        region: 'us-east-1',
        credentials: async () => ({ accessKeyId, secretAccessKey: 'x' }),
      },
    });
    apps.push(app);
    const check = async (writeProbe = false) => {
      const result = await app.dispatch('permissions:check', { name: STREAM, writeProbe }, nobody);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as PermissionReport;
    };
    const granted = [...policies];
    const user = `caller-${keys}`;
    const grant = (policy: PolicyDocument) => {
      granted.push(policy);
      proxy.setPolicies(accessKeyId, user, granted);
    };
    return { check, grant };
  }
  const statusOf = (report: PermissionReport) => Object.fromEntries(report.actions.map((a) => [a.action, a.status]));
  const requiredStatuses = (report: PermissionReport) => REQUIRED.map((action) => statusOf(report)[action]);
  const requiredMissing = (report: PermissionReport) =>
    report.actions.filter((a) => a.required && a.status === 'missing').map((a) => a.action);

  it('a full read policy: every required action granted, nothing to fix', async () => {
    const report = await (await caller(fullRead())).check();
    expect(report.streamArn).toBe(ARN);
    expect(requiredStatuses(report)).toEqual(['granted', 'granted', 'granted', 'granted']);
    expect(statusOf(report)['kinesis:ListStreamConsumers']).toBe('unchecked');
    expect(statusOf(report)['kinesis:PutRecord']).toBe('unchecked');
    expect(report.fixPolicy).toBeNull();
  });

  it.each(REQUIRED)('without %s: exactly that one is missing, and the generated policy fixes it', async (action) => {
    const { check, grant } = await caller(
      [policyFor(['kinesis:ListStreams'], ['*']).Statement, policyFor(READ, [ARN]).Statement].map((statements) => ({
        Version: '2012-10-17',
        Statement: (statements as { Action: string[] }[])
          .map((s) => ({ ...s, Action: s.Action.filter((a) => a !== action) }))
          .filter((s) => s.Action.length),
      })),
    );
    const report = await check();
    expect(requiredMissing(report)).toEqual([action]);
    const denial = report.actions.find((a) => a.action === action)!.reason;
    expect(denial).toMatch(
      new RegExp(`^User: arn:aws:iam::000000000000:user/caller-\\d+ is not authorized to perform: ${action} on resource: `),
    );
    if (action === 'kinesis:GetShardIterator') expect(statusOf(report)['kinesis:GetRecords']).toBe('unchecked');
    expect(report.fixPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        action === 'kinesis:ListStreams'
          ? { Sid: 'ShardscopeListStreams', Effect: 'Allow', Action: ['kinesis:ListStreams'], Resource: ['*'] }
          : { Sid: 'ShardscopeStreamAccess', Effect: 'Allow', Action: [action], Resource: [ARN] },
      ],
    });
    grant(report.fixPolicy!);
    expect(requiredStatuses(await check())).toEqual(['granted', 'granted', 'granted', 'granted']);
  });

  it.each([
    ['another region', 'arn:aws:kinesis:eu-west-1:000000000000:stream/guarded'],
    ['another stream', 'arn:aws:kinesis:us-east-1:000000000000:stream/other'],
  ])('a policy scoped to %s: the stream actions are missing', async (_label, wrongArn) => {
    const { check, grant } = await caller([policyFor(['kinesis:ListStreams'], ['*']), policyFor(READ, [wrongArn])]);
    const report = await check();
    expect(requiredMissing(report)).toEqual(['kinesis:DescribeStream', 'kinesis:GetShardIterator']);
    expect(statusOf(report)['kinesis:GetRecords']).toBe('unchecked');
    expect(report.fixPolicy!.Statement).toEqual([
      {
        Sid: 'ShardscopeStreamAccess',
        Effect: 'Allow',
        Action: [
          'kinesis:DescribeStream',
          'kinesis:GetShardIterator',
          'kinesis:DescribeStreamSummary',
          'kinesis:ListShards',
          'kinesis:ListStreamConsumers',
        ],
        Resource: [ARN],
      },
    ]);
    grant(report.fixPolicy!);
    // GetRecords could only be probed once GetShardIterator worked: the second check finds it.
    const fixed = await check();
    expect(requiredMissing(fixed)).toEqual(['kinesis:GetRecords']);
  });

  it('an explicit Deny wins over kinesis:*, and the checker says so in AWS words', async () => {
    const { check, grant } = await caller([policyFor(['kinesis:*'], ['*']), policyFor(['kinesis:GetRecords'], [ARN], 'Deny')]);
    const report = await check();
    expect(requiredMissing(report)).toEqual(['kinesis:GetRecords']);
    expect(report.actions.find((a) => a.action === 'kinesis:GetRecords')!.reason).toContain('with an explicit deny');
    // No Allow can lift an explicit Deny: the generated policy alone does not fix this one.
    grant(report.fixPolicy!);
    expect(requiredMissing(await check())).toEqual(['kinesis:GetRecords']);
  });

  it('DescribeStream allowed but GetRecords not: only GetRecords is missing', async () => {
    const report = await (
      await caller([policyFor(['kinesis:ListStreams'], ['*']), policyFor(['kinesis:DescribeStream', 'kinesis:GetShardIterator'], [ARN])])
    ).check();
    expect(requiredMissing(report)).toEqual(['kinesis:GetRecords']);
    const missing = report.actions.filter((a) => a.status === 'missing').map((a) => a.action);
    expect(missing).toEqual(['kinesis:GetRecords', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards', 'kinesis:ListStreamConsumers']);
    expect(report.fixPolicy!.Statement).toEqual([{ Sid: 'ShardscopeStreamAccess', Effect: 'Allow', Action: missing, Resource: [ARN] }]);
  });

  it('no policy at all: everything it could check is missing, and the ARN still comes from AWS', async () => {
    const { check, grant } = await caller([]);
    const report = await check();
    expect(requiredMissing(report)).toEqual(['kinesis:ListStreams', 'kinesis:DescribeStream', 'kinesis:GetShardIterator']);
    expect(statusOf(report)['kinesis:GetRecords']).toBe('unchecked');
    expect(report.streamArn).toBe(ARN);
    expect(report.fixPolicy!.Statement.map((s) => s.Sid)).toEqual(['ShardscopeStreamAccess', 'ShardscopeListStreams']);
    grant(report.fixPolicy!);
    const after = await check();
    expect(requiredMissing(after)).toEqual(['kinesis:GetRecords']);
    grant(after.fixPolicy!);
    expect(requiredStatuses(await check())).toEqual(['granted', 'granted', 'granted', 'granted']);
  });

  it('writes test records only when asked, and reports each write action', async () => {
    const { check } = await caller([...fullRead(), policyFor(['kinesis:PutRecord'], [ARN])]);
    expect(proxy.decisions.filter((d) => d.action.startsWith('kinesis:Put'))).toEqual([]);
    const report = await check(true);
    expect(statusOf(report)['kinesis:PutRecord']).toBe('granted');
    expect(statusOf(report)['kinesis:PutRecords']).toBe('missing');
    const client = arrangeClient(kinesis);
    try {
      const written: string[] = [];
      for (const shardId of ['shardId-000000000000', 'shardId-000000000001']) {
        const { ShardIterator } = await client.send(
          new GetShardIteratorCommand({ StreamName: STREAM, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
        );
        const { Records } = await client.send(new GetRecordsCommand({ ShardIterator }));
        written.push(...(Records ?? []).map((r) => JSON.parse(Buffer.from(r.Data!).toString()).action));
      }
      expect(written).toEqual(['PutRecord']);
    } finally {
      client.destroy();
    }
  });
});
