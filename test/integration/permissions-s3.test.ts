import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../main/aws/clients';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import { SANDBOX_CREDENTIALS } from '../../main/domain/connections/sandbox-host';
import { SANDBOX_BUCKET, startLocalS3, type LocalS3 } from '../../main/domain/sandbox/s3-server';
import type { PermissionReport } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { PROXY_REGION, policyFor, proxiedStreamArn, startIamProxy, type IamProxy, type PolicyDocument } from '../support/iam-proxy';
import { kmsKeyArn, startS3IamProxy, type S3IamProxy } from '../support/s3-iam-proxy';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

const STREAM = 'landing';
const PREFIX = 'runs/orders/';
const TO = `s3://${SANDBOX_BUCKET}/${PREFIX}`;
const KEY = kmsKeyArn('1234abcd-12ab-34cd-56ef-1234567890ab');
const READ = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:ListShards',
  'kinesis:GetShardIterator',
  'kinesis:GetRecords',
];
const S3_READS = ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:GetObject', 's3:AbortMultipartUpload'];

describe('the permission checker for a run to S3, against IAM-enforcing Kinesis and S3 (kinesalite, the local S3)', () => {
  let kinesis: RunningKinesisServer;
  let s3: LocalS3;
  let proxy: IamProxy;
  let s3Proxy: S3IamProxy;
  let direct: S3Client;
  const apps: ShardscopeApp[] = [];

  beforeAll(async () => {
    [kinesis, s3] = await Promise.all([startKinesisServer('kinesalite'), startLocalS3()]);
    const client = arrangeClient(kinesis);
    await createStream(client, STREAM, 1);
    client.destroy();
    [proxy, s3Proxy] = await Promise.all([startIamProxy(kinesis.endpoint), startS3IamProxy(s3.endpoint)]);
    direct = await createS3Client({ region: PROXY_REGION, endpoint: s3.endpoint, credentials: SANDBOX_CREDENTIALS });
  });
  afterAll(async () => {
    direct?.destroy();
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all([proxy?.close(), s3Proxy?.close(), s3?.close(), kinesis?.stop()]);
  });

  async function caller(policies: PolicyDocument[]) {
    const accessKeyId = `AKIAS3CHECK${String(apps.length).padStart(4, '0')}`;
    const granted = [policyFor(['kinesis:ListStreams'], ['*']), policyFor(READ, [proxiedStreamArn(STREAM)]), ...policies];
    const grant = (more: PolicyDocument[] = []) => {
      granted.push(...more);
      proxy.setPolicies(accessKeyId, 'lander', granted);
      s3Proxy.setPolicies(accessKeyId, 'lander', granted);
    };
    grant();
    const app = await startTestApp({
      connection: {
        kind: 'endpoint',
        endpoint: proxy.endpoint,
        s3Endpoint: s3Proxy.endpoint,
        region: PROXY_REGION,
        credentials: async () => ({ accessKeyId, secretAccessKey: 'x' }),
      },
    });
    apps.push(app);
    return {
      check: async (input: Record<string, unknown> = {}) => {
        const result = await app.dispatch('permissions:check', { name: STREAM, to: TO, ...input }, nobody);
        if (!result.ok) throw new Error([result.error.message, ...(result.error.issues ?? []).map((i) => i.message)].join(' '));
        return result.value as PermissionReport;
      },
      grant,
    };
  }
  const statusOf = (report: PermissionReport, action: string) => report.actions.find((a) => a.action === action)?.status;

  it('probes without writing, and its fix policy grants the bucket listing on the bucket and the rest on the prefix', async () => {
    const { check, grant } = await caller([]);
    const report = await check();
    expect(Object.fromEntries(report.actions.filter((a) => /^(s3|kms):/.test(a.action)).map((a) => [a.action, a.status]))).toEqual({
      's3:ListBucket': 'missing',
      's3:ListBucketMultipartUploads': 'missing',
      's3:PutObject': 'unchecked',
      // Without s3:ListBucket a missing key is a 403 whatever GetObject allows: said, not guessed.
      's3:GetObject': 'unchecked',
      's3:AbortMultipartUpload': 'missing',
      's3:DeleteObject': 'unchecked',
    });
    expect(report.actions.find((a) => a.action === 's3:ListBucket')!.reason).toContain(
      `is not authorized to perform: s3:ListBucket on resource: arn:aws:s3:::${SANDBOX_BUCKET}`,
    );
    const statements = report.fixPolicy!.Statement.filter((s) => s.Sid?.startsWith('ShardscopeRun'));
    expect(statements).toEqual([
      {
        Sid: 'ShardscopeRunBucket',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
        Resource: [`arn:aws:s3:::${SANDBOX_BUCKET}`],
      },
      {
        Sid: 'ShardscopeRunObjects',
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload'],
        Resource: [`arn:aws:s3:::${SANDBOX_BUCKET}/${PREFIX}*`],
      },
    ]);
    // Nothing written: no probe reached PutObject or DeleteObject.
    expect(s3Proxy.decisions.some((d) => d.action === 's3:PutObject' || d.action === 's3:DeleteObject')).toBe(false);

    grant([{ Version: '2012-10-17', Statement: statements }, policyFor(['s3:GetObject'], [`arn:aws:s3:::${SANDBOX_BUCKET}/${PREFIX}*`])]);
    const fixed = await check();
    for (const action of S3_READS) expect(statusOf(fixed, action), action).toBe('granted');
    expect(fixed.fixPolicy?.Statement.some((s) => s.Sid?.startsWith('ShardscopeRun')) ?? false).toBe(false);
  });

  it("with the write probe and SSE-KMS, finds the key actions S3 needs in the caller's name, and leaves nothing behind", async () => {
    const onPrefix = policyFor(
      ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      [`arn:aws:s3:::${SANDBOX_BUCKET}/${PREFIX}*`],
    );
    const onBucket = policyFor(['s3:ListBucket', 's3:ListBucketMultipartUploads'], [`arn:aws:s3:::${SANDBOX_BUCKET}`]);
    const { check, grant } = await caller([onPrefix, onBucket]);
    const input = { writeProbe: true, sse: 'aws:kms', kmsKeyId: KEY };
    const noKey = await check(input);
    expect(statusOf(noKey, 's3:PutObject')).toBe('granted');
    expect(statusOf(noKey, 'kms:GenerateDataKey')).toBe('missing');
    expect(statusOf(noKey, 'kms:Decrypt')).toBe('unchecked');
    expect(noKey.fixPolicy!.Statement.find((s) => s.Sid === 'ShardscopeRunKey')).toEqual({
      Sid: 'ShardscopeRunKey',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey'],
      Resource: [KEY],
    });

    grant([policyFor(['kms:GenerateDataKey'], [KEY])]);
    const noDecrypt = await check(input);
    expect(statusOf(noDecrypt, 'kms:GenerateDataKey')).toBe('granted');
    expect(statusOf(noDecrypt, 'kms:Decrypt')).toBe('missing');
    expect(statusOf(noDecrypt, 's3:DeleteObject')).toBe('granted');

    grant([policyFor(['kms:Decrypt'], [KEY])]);
    const all = await check(input);
    for (const action of [...S3_READS, 's3:PutObject', 's3:DeleteObject', 'kms:GenerateDataKey', 'kms:Decrypt'])
      expect(statusOf(all, action), action).toBe('granted');
    const left = await direct.send(new ListObjectsV2Command({ Bucket: SANDBOX_BUCKET, Prefix: PREFIX }));
    expect(left.Contents ?? []).toEqual([]);
  });

  it('lists no S3 action for a stream alone, and refuses encryption without a prefix', async () => {
    const { check } = await caller([]);
    const alone = await check({ to: undefined });
    expect(alone.actions.filter((a) => /^(s3|kms):/.test(a.action))).toEqual([]);
    await expect(check({ to: undefined, sse: 'AES256' })).rejects.toThrow(/Encryption is checked for a run to S3: give its S3 prefix too/);
    await expect(check({ sse: 'AES256', kmsKeyId: KEY })).rejects.toThrow(/A KMS key goes with aws:kms encryption/);
    await expect(check({ to: 's3://Bad_Bucket/x/' })).rejects.toThrow(/is not an S3 location: a bucket name has lower-case letters/);
  });
});
