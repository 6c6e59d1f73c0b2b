import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { policyFor, proxiedStreamArn, startIamProxy, type IamProxy } from '../support/iam-proxy';
import { freePort, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

describe('shardscope check', () => {
  let kinesis: RunningKinesisServer;
  let proxy: IamProxy;
  const ARN = proxiedStreamArn('checked');
  const as = (key: string) => ({ env: { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1' } });

  beforeAll(async () => {
    kinesis = await startKinesisServer('kinesalite');
    const client = arrangeClient(kinesis);
    await createStream(client, 'checked', 1);
    client.destroy();
    proxy = await startIamProxy(kinesis.endpoint);
    proxy.setPolicies('AKIAREADERALLOWED001', 'reader', [
      policyFor(['kinesis:ListStreams'], ['*']),
      policyFor(['kinesis:DescribeStream', 'kinesis:GetShardIterator', 'kinesis:GetRecords'], [ARN]),
    ]);
    proxy.setPolicies('AKIAREADERMISSING001', 'half-reader', [policyFor(['kinesis:ListStreams', 'kinesis:DescribeStream'], ['*'])]);
  });
  afterAll(async () => {
    await proxy?.close();
    await kinesis?.stop();
  });

  it('exits 0 with --json when every required action is granted', async () => {
    const result = await runCli(['check', 'checked', '--json', '--endpoint', proxy.endpoint], as('AKIAREADERALLOWED001'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['stream', 'streamArn', 'actions', 'fixPolicy']);
    expect(report.streamArn).toBe(ARN);
    expect(
      report.actions.filter((a: { required: boolean }) => a.required).map((a: { action: string; status: string }) => [a.action, a.status]),
    ).toEqual([
      ['kinesis:ListStreams', 'granted'],
      ['kinesis:DescribeStream', 'granted'],
      ['kinesis:GetShardIterator', 'granted'],
      ['kinesis:GetRecords', 'granted'],
    ]);
    expect(report.actions[0]).toEqual({
      action: 'kinesis:ListStreams',
      required: true,
      status: 'granted',
      reason: null,
      neededFor: 'listing streams to pick from',
    });
    expect(report.fixPolicy).toMatchObject({ Version: '2012-10-17' });
  });

  it('lists the stream-admin actions as not probed, and with --admin grants them in the fix policy on the stream', async () => {
    const plain = JSON.parse(
      (await runCli(['check', 'checked', '--json', '--endpoint', proxy.endpoint], as('AKIAREADERALLOWED001'))).stdout,
    );
    const reshard = plain.actions.find((a: { action: string }) => a.action === 'kinesis:UpdateShardCount');
    expect(reshard).toMatchObject({ status: 'unchecked', required: false, reason: expect.stringContaining('only be probed by making it') });
    // No DynamoDB beside a local Kinesis: what to do is a remedy for the host to word, not a flag in the reason.
    const listTables = plain.actions.find((a: { action: string }) => a.action === 'dynamodb:ListTables');
    expect(listTables).toMatchObject({
      status: 'unchecked',
      reason: 'This connection names no DynamoDB endpoint for KCL lease tables.',
      remedy: 'set-dynamodb-endpoint',
    });
    const granted = (report: { fixPolicy: { Statement: { Action: string[] }[] } | null }) =>
      (report.fixPolicy?.Statement ?? []).flatMap((statement) => statement.Action);
    expect(granted(plain)).not.toContain('kinesis:UpdateShardCount');

    const result = await runCli(['check', 'checked', '--json', '--admin', '--endpoint', proxy.endpoint], as('AKIAREADERALLOWED001'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(granted(report)).toEqual(
      expect.arrayContaining([
        'kinesis:CreateStream',
        'kinesis:DeleteStream',
        'kinesis:UpdateShardCount',
        'kinesis:SplitShard',
        'kinesis:RegisterStreamConsumer',
      ]),
    );
    expect(report.fixPolicy.Statement.find((s: { Action: string[] }) => s.Action.includes('kinesis:SplitShard')).Resource).toEqual([ARN]);
  });

  it('exits 3 and prints the fixing policy when a required action is missing', async () => {
    const result = await runCli(['check', 'checked', '--endpoint', proxy.endpoint], as('AKIAREADERMISSING001'));
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^\* kinesis:GetShardIterator +MISSING/m);
    expect(result.stdout).toContain('is not authorized to perform: kinesis:GetShardIterator');
    const policy = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'), result.stdout.lastIndexOf('}') + 1));
    expect(policy.Statement[0].Action).toContain('kinesis:GetShardIterator');
  });

  it('ends with the verdict the app shows, and says a reason shared by several actions once, under all of them', async () => {
    const missing = await runCli(['check', 'checked', '--endpoint', proxy.endpoint], as('AKIAREADERMISSING001'));
    const lines = missing.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('These credentials cannot read checked yet: 2 required actions are not granted.');
    // The stream-admin actions cannot be probed, all for the same reason: one heading, one explanation.
    const heading = lines.find((line) => line.includes('kinesis:UpdateShardCount') && line.endsWith(':'))!;
    expect(heading).toMatch(/^ {2}kinesis:\S+(, kinesis:\S+)+:$/);
    expect(heading).toContain('kinesis:SplitShard');
    const explanation = lines[lines.indexOf(heading) + 1]!;
    expect(explanation).toMatch(/only be probed by making it/);
    expect(missing.stdout.split(explanation.trim()).length - 1).toBe(1);
    expect(missing.stdout).toContain('names no DynamoDB endpoint for KCL lease tables. Pass --dynamodb-endpoint with the URL');

    const allowed = await runCli(['check', 'checked', '--endpoint', proxy.endpoint], as('AKIAREADERALLOWED001'));
    expect(allowed.stdout.trimEnd().split('\n').at(-1)).toBe('These credentials can read checked.');
  });

  it('exits 1 when the checks cannot run', async () => {
    const result = await runCli(
      ['check', 'checked', '--json', '--endpoint', `http://127.0.0.1:${await freePort()}`],
      as('AKIAREADERALLOWED001'),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).actions.every((a: { status: string }) => a.status === 'unchecked')).toBe(true);
  });
});
