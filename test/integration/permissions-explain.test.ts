import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { roleArnOfSession } from '../../main/domain/permissions/explain';
import type { Explanation } from '../../shared/contract';
import { startTestApp } from '../support/app';
import { fakeIam } from '../support/fake-iam';
import { startFakeSts, type FakeSts } from '../support/fake-sts';
import { policyFor, type PolicyDocument } from '../support/iam-proxy';
import { nobody } from '../../main/core/sessions/session-owner';

const USER = 'arn:aws:iam::123456789012:user/analyst';
const STREAM_ARN = 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders';

describe('explaining with the IAM policy simulator', () => {
  let sts: FakeSts;
  const apps: ShardscopeApp[] = [];
  const saved = { AWS_ENDPOINT_URL_STS: process.env.AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_IAM: process.env.AWS_ENDPOINT_URL_IAM };

  beforeAll(async () => {
    const policies = new Map<string, PolicyDocument[]>([
      [
        USER,
        [
          policyFor(['kinesis:ListStreams'], ['*']),
          policyFor(['kinesis:DescribeStream', 'kinesis:GetShardIterator'], [STREAM_ARN]),
          policyFor(['kinesis:GetRecords'], [STREAM_ARN], 'Deny'),
        ],
      ],
    ]);
    sts = await startFakeSts('123456789012', { iam: fakeIam(policies, new Set(['AKIAANALYSTSIMULATE1'])) });
    sts.addUser('AKIAANALYSTSIMULATE1', USER);
    sts.addUser('AKIAANALYSTNOSIMULAT', USER);
    process.env.AWS_ENDPOINT_URL_STS = sts.endpoint;
    process.env.AWS_ENDPOINT_URL_IAM = sts.endpoint;
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await sts?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  async function explainAs(accessKeyId: string): Promise<Explanation> {
    const app = await startTestApp({
      connection: { kind: 'aws', region: 'eu-west-1', credentials: async () => ({ accessKeyId, secretAccessKey: 'x' }) },
    });
    apps.push(app);
    const result = await app.dispatch('permissions:explain', { name: 'orders' }, nobody);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as Explanation;
  }

  it('names the deciding policy for each action', async () => {
    const explanation = await explainAs('AKIAANALYSTSIMULATE1');
    expect(explanation).toMatchObject({ available: true, reason: null, principalArn: USER });
    const byAction = Object.fromEntries(explanation.results.map((r) => [r.action, r]));
    expect(byAction['kinesis:ListStreams']).toEqual({
      action: 'kinesis:ListStreams',
      decision: 'allowed',
      statements: [{ policy: 'policy-0', startLine: 1 }],
    });
    expect(byAction['kinesis:DescribeStream']).toMatchObject({ decision: 'allowed', statements: [{ policy: 'policy-1' }] });
    expect(byAction['kinesis:GetRecords']).toMatchObject({ decision: 'explicitDeny', statements: [{ policy: 'policy-2' }] });
    expect(byAction['kinesis:ListShards']).toMatchObject({ decision: 'implicitDeny', statements: [] });
  });

  it('says so, and why, when the caller may not use the simulator', async () => {
    const explanation = await explainAs('AKIAANALYSTNOSIMULAT');
    expect(explanation.available).toBe(false);
    expect(explanation.reason).toMatch(/^These credentials may not use the IAM policy simulator: .*iam:SimulatePrincipalPolicy/);
  });

  it('maps an assumed-role session to its role', () => {
    expect(roleArnOfSession('arn:aws:sts::123456789012:assumed-role/KinesisReader/alice@example.com')).toEqual({
      roleName: 'KinesisReader',
      roleArn: 'arn:aws:iam::123456789012:role/KinesisReader',
    });
    expect(roleArnOfSession('arn:aws-us-gov:sts::123456789012:assumed-role/R/s')?.roleArn).toBe('arn:aws-us-gov:iam::123456789012:role/R');
    expect(roleArnOfSession(USER)).toBeNull();
  });
});
