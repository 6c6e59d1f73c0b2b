import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { createS3Client } from '../../main/aws/clients';
import { cliConnection, connectionFlagWords, targetFromFlags } from '../../main/hosts/cli/connection-flags';

describe('--s3-endpoint', () => {
  it('carries the S3 endpoint into the connection asked for, beside Kinesis', () => {
    expect(targetFromFlags({ endpoint: 'http://127.0.0.1:4567', s3Endpoint: 'http://127.0.0.1:4571/' }, {})).toEqual({
      kind: 'endpoint',
      endpoint: 'http://127.0.0.1:4567',
      region: 'us-east-1',
      s3Endpoint: 'http://127.0.0.1:4571',
    });
    expect(cliConnection({ profile: 'work', s3Endpoint: 'https://s3.example.com' }, 'aws')).toEqual({
      profile: 'work',
      s3Endpoint: 'https://s3.example.com',
    });
  });

  it('refuses plain http off this machine, naming the flag', () => {
    expect(() => targetFromFlags({ region: 'eu-west-1', s3Endpoint: 'http://s3.example.com' }, {})).toThrow(/^--s3-endpoint: /);
  });

  it('is written into the command a resume hint prints', () => {
    expect(connectionFlagWords({ profile: 'work', s3Endpoint: 'http://127.0.0.1:4571' })).toContain('--s3-endpoint http://127.0.0.1:4571');
  });
});

describe('the S3 client', () => {
  const saved = process.env.AWS_ENDPOINT_URL_S3;
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_S3;
    else process.env.AWS_ENDPOINT_URL_S3 = saved;
  });

  it("addresses any endpoint path-style, the connection's first, else AWS_ENDPOINT_URL_S3", async () => {
    process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:4999';
    const own = await createS3Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4571' });
    const fromEnv = await createS3Client({ region: 'us-east-1' });
    expect(own.config.forcePathStyle).toBe(true);
    expect((await own.config.endpoint!()).port).toBe(4571);
    expect(fromEnv.config.forcePathStyle).toBe(true);
    expect((await fromEnv.config.endpoint!()).port).toBe(4999);
    own.destroy();
    fromEnv.destroy();
  });

  it('uses virtual-hosted addressing on AWS itself', async () => {
    delete process.env.AWS_ENDPOINT_URL_S3;
    const aws = await createS3Client({ region: 'eu-west-1' });
    expect(aws.config.forcePathStyle).toBe(false);
    aws.destroy();
  });

  it('refuses a write on a read-only connection before it is sent, naming the object', async () => {
    // Nothing listens on port 9: a call that got past the guard would fail as unreachable instead.
    const client = await createS3Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' },
      readOnly: { connection: 'prod', now: () => true },
    });
    await expect(client.send(new PutObjectCommand({ Bucket: 'b', Key: 'runs/run.json', Body: '{}' }))).rejects.toMatchObject({
      name: 'ReadOnlyConnectionError',
      message: '"prod" is a read-only connection: Shardscope will not call PutObject on s3://b/runs/run.json.',
    });
    client.destroy();
  });
});
