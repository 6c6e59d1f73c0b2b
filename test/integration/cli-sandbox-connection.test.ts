import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createS3Client } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS } from '../../main/domain/connections/sandbox-host';
import { runCli, startCli, type LongRunningCli } from '../support/cli';
import { kcl2Item, leaseTable } from '../support/lease-tables';
import { TEST_CREDENTIALS, TEST_REGION } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

/** Waits for a line the long-running command prints after its first. */
async function printed(cli: LongRunningCli, text: string): Promise<string> {
  return vi.waitFor(
    () => {
      if (!cli.output().includes(text)) throw new Error(`not printed yet: ${text}\n${cli.output()}`);
      return cli.output();
    },
    { timeout: 30_000, interval: 100 },
  );
}

describe('shardscope sandbox saves the connection "sandbox"', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'shardscope-sandbox-home-'));
  const inHome = { env: { SHARDSCOPE_HOME: home } };
  let sandbox: LongRunningCli;
  let endpoint: string;

  beforeAll(async () => {
    sandbox = await startCli(['sandbox', '--port', '0', '--no-demo'], inHome);
    const output = await printed(sandbox, 'Next, try:');
    endpoint = /^endpoint: (\S+)$/m.exec(output)![1]!;
    const dynamodbEndpoint = /^dynamodb endpoint: (\S+)/m.exec(output)![1]!;
    const kinesis = arrangeClient({ kind: 'kinesalite', endpoint, region: TEST_REGION, stop: async () => undefined });
    await createStream(kinesis, 'orders', 1);
    kinesis.destroy();
    // A KCL application of orders, as the KCL writes its lease table, in the sandbox's own DynamoDB.
    const dynamodb = new DynamoDBClient({ region: TEST_REGION, endpoint: dynamodbEndpoint, credentials: TEST_CREDENTIALS });
    await leaseTable(dynamodb, 'orders-billing', [
      kcl2Item({ shardId: 'shardId-000000000000', owner: 'billing-1', checkpoint: 'TRIM_HORIZON' }),
    ]);
    dynamodb.destroy();
  });
  afterAll(async () => {
    expect(await sandbox?.stop()).toBe(0);
  });

  it('saves the port it really listens on, says what to try next, and that command lists its streams', async () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:(?!0$)\d+$/);
    expect(sandbox.output()).toContain('Next, try: shardscope streams --profile sandbox');
    const profiles = await runCli(['profiles', 'list', '--json'], inHome);
    const glueEndpoint = /^glue endpoint: (\S+) \(Glue Schema Registry\)$/m.exec(sandbox.output())![1]!;
    expect(sandbox.output()).toMatch(/^schema registry: http:\/\/127\.0\.0\.1:\d+ \(Confluent-compatible\)$/m);
    const s3Endpoint = /^s3 endpoint: (http:\/\/127\.0\.0\.1:\d+) \(bucket shardscope-sandbox;/m.exec(sandbox.output())![1]!;
    expect(JSON.parse(profiles.stdout)).toEqual([
      expect.objectContaining({ name: 'sandbox', endpoint, glueEndpoint, s3Endpoint, source: { type: 'default-chain' } }),
    ]);
    // The printed endpoint serves the bucket: s3rver answers ListObjectsV2 on it, path-style.
    const s3 = await createS3Client({ region: TEST_REGION, endpoint: s3Endpoint, credentials: SANDBOX_CREDENTIALS });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'shardscope-sandbox' }));
    s3.destroy();
    expect(listed.$metadata.httpStatusCode).toBe(200);
    const streams = await runCli(['streams', '--profile', 'sandbox'], inHome);
    expect(streams).toMatchObject({ code: 0, stdout: 'orders\n' });
  });

  it("reads the KCL lease tables from the connection's own DynamoDB endpoint, with no flag", async () => {
    const result = await runCli(['consumers', 'orders', '--profile', 'sandbox', '--json'], inHome);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.applications).toEqual([expect.objectContaining({ table: 'orders-billing', workers: ['billing-1'] })]);
  });

  it('offers the closest stream names when one is mistyped, in tail, describe, check and put', async () => {
    for (const command of [
      ['tail', 'ordrs'],
      ['describe', 'ordrs'],
      ['check', 'ordrs'],
      ['put', 'ordrs', '--partition-key', 'k', '--yes'],
    ]) {
      const result = await runCli([...command, '--profile', 'sandbox'], { ...inHome, stdin: '{"n":1}' });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('error: There is no stream ordrs in us-east-1. Did you mean orders?\n');
    }
  });
});

describe('shardscope sandbox beside a connection the user named "sandbox"', () => {
  it('leaves that connection as it is and prints the flags that reach the sandbox instead', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'shardscope-sandbox-home-'));
    const inHome = { env: { SHARDSCOPE_HOME: home } };
    const added = await runCli(['profiles', 'add', 'sandbox', '--region', 'eu-west-1', '--default-chain'], inHome);
    expect(added.code).toBe(0);
    const sandbox = await startCli(['sandbox', '--port', '0', '--no-demo'], inHome);
    try {
      const output = await printed(sandbox, 'Next, try:');
      const endpoint = /^endpoint: (\S+)$/m.exec(output)![1]!;
      expect(output).toContain('already exists and is not a local sandbox one, so it was left as it is');
      expect(output).toContain(`Next, try: shardscope streams --endpoint ${endpoint}`);
      const profiles = JSON.parse((await runCli(['profiles', 'list', '--json'], inHome)).stdout);
      expect(profiles).toEqual([expect.objectContaining({ name: 'sandbox', region: 'eu-west-1', endpoint: null })]);
    } finally {
      await sandbox.stop();
    }
  });
});
