import { startLocalKinesis, type LocalKinesis } from '../../main/domain/sandbox/kinesalite-server';
import { startCli, type LongRunningCli } from '../support/cli';
import { policyFor, proxiedStreamArn, startIamProxy, type IamProxy, type PolicyDocument } from '../support/iam-proxy';
import { arrangeClient, createStream } from '../support/sdk';
import { expect, test } from './fixtures';

const KEY = 'AKIAE2EPERMISSIONS01';
let kinesis: LocalKinesis;
let proxy: IamProxy;
let serve: LongRunningCli;
let url: string;

test.beforeAll(async () => {
  kinesis = await startLocalKinesis();
  const client = arrangeClient({ kind: 'kinesalite', endpoint: kinesis.endpoint, region: 'us-east-1', stop: async () => {} });
  await createStream(client, 'ingest-me', 1);
  client.destroy();
  proxy = await startIamProxy(kinesis.endpoint);
  // Enough to find the stream, not enough to read it.
  proxy.setPolicies(KEY, 'connector', [
    policyFor(['kinesis:ListStreams'], ['*']),
    policyFor(['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'], [proxiedStreamArn('ingest-me')]),
  ]);
  serve = await startCli(['serve', '--port', '0', '--endpoint', proxy.endpoint, '--region', 'us-east-1'], {
    env: { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: 'e2e-secret' },
  });
  url = /^Shardscope is at (\S+)$/.exec(serve.firstLine)![1]!;
});
test.afterAll(async () => {
  await serve?.stop();
  await proxy?.close();
  await kinesis?.close();
});

test('the checklist shows exactly the missing actions, and the generated policy makes them granted', async ({ page }) => {
  await page.goto(url);
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'ingest-me' }).click();
  await page.getByRole('button', { name: 'Check permissions' }).click();
  await expect(page.getByRole('heading', { name: 'Permissions' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Stream to check' })).toHaveValue('ingest-me');
  await page.getByRole('button', { name: 'Check permissions' }).click();

  const table = page.getByRole('table', { name: 'Permissions' });
  const status = (action: string) =>
    table
      .getByRole('row', { name: new RegExp(`^kinesis:${action}\\b`) })
      .getByRole('cell')
      .first();
  await expect(status('ListStreams')).toHaveText('Granted');
  await expect(status('DescribeStream')).toHaveText('Granted');
  await expect(status('GetShardIterator')).toHaveText('Missing');
  await expect(status('GetRecords')).toHaveText('Not checked');
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('cannot read ingest-me yet');
  await expect(table.getByRole('row', { name: /^kinesis:GetShardIterator/ })).toContainText(
    'is not authorized to perform: kinesis:GetShardIterator',
  );

  const policy = JSON.parse((await page.getByLabel('Fix policy').textContent())!) as PolicyDocument;
  expect(policy).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShardscopeStreamAccess',
        Effect: 'Allow',
        Action: ['kinesis:GetShardIterator', 'kinesis:ListStreamConsumers'],
        Resource: [proxiedStreamArn('ingest-me')],
      },
    ],
  });

  // The administrator applies it; GetRecords can now be probed, and turns out missing too.
  const applied: PolicyDocument[] = [
    policyFor(['kinesis:ListStreams'], ['*']),
    policyFor(['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'], [proxiedStreamArn('ingest-me')]),
    policy,
  ];
  proxy.setPolicies(KEY, 'connector', applied);
  await page.getByRole('button', { name: 'Re-check' }).click();
  await expect(status('GetShardIterator')).toHaveText('Granted');
  await expect(status('GetRecords')).toHaveText('Missing');
  proxy.setPolicies(KEY, 'connector', [...applied, JSON.parse((await page.getByLabel('Fix policy').textContent())!)]);
  await page.getByRole('button', { name: 'Re-check' }).click();
  for (const action of ['ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords'])
    await expect(status(action)).toHaveText('Granted');
  await expect(page.getByRole('status', { name: 'Verdict' })).toHaveText('These credentials can read ingest-me.');

  await page.getByRole('button', { name: 'Explain with the IAM policy simulator' }).click();
  await expect(page.getByRole('region', { name: 'Explanation' })).toContainText(
    'Not available: The IAM policy simulator exists only on AWS',
  );
});
