import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  PutObjectCommand,
  UploadPartCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createS3Client } from '../../main/aws/clients';
import { classifyAwsError } from '../../main/aws/errors';
import { SANDBOX_CREDENTIALS } from '../../main/domain/connections/sandbox-host';
import { SANDBOX_BUCKET, startLocalS3, type LocalS3 } from '../../main/domain/sandbox/s3-server';
import { AWS_CLI } from '../support/aws-cli';

const Bucket = SANDBOX_BUCKET;
let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startLocalS3();
  client = await createS3Client({ region: 'us-east-1', endpoint: s3.endpoint, credentials: SANDBOX_CREDENTIALS });
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
});

/** The error a call rejects with, or a failure of the test when it succeeds. */
async function refusal(call: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number }; Condition?: string }> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  if (!outcome) throw new Error('the call was expected to be refused, and succeeded');
  return outcome as Error & { $metadata: { httpStatusCode?: number }; Condition?: string };
}

const text = async (key: string) => (await client.send(new GetObjectCommand({ Bucket, Key: key }))).Body!.transformToString();

describe("the sandbox's S3: conditional writes the front adds to s3rver", () => {
  it('refuses a second If-None-Match put with PreconditionFailed and keeps the first body', async () => {
    await client.send(new PutObjectCommand({ Bucket, Key: 'inm/a.txt', Body: 'first', IfNoneMatch: '*' }));
    const error = await refusal(client.send(new PutObjectCommand({ Bucket, Key: 'inm/a.txt', Body: 'second', IfNoneMatch: '*' })));
    expect(error.name).toBe('PreconditionFailed');
    expect(error.$metadata.httpStatusCode).toBe(412);
    expect(error.Condition).toBe('If-None-Match');
    expect(classifyAwsError(error).failure).toBe('condition-failed');
    expect(await text('inm/a.txt')).toBe('first');
  });

  it('honours If-Match: a wrong ETag is refused, the right one replaces, a missing key is NoSuchKey', async () => {
    const { ETag } = await client.send(new PutObjectCommand({ Bucket, Key: 'im/a.txt', Body: 'v1' }));
    const wrong = await refusal(
      client.send(new PutObjectCommand({ Bucket, Key: 'im/a.txt', Body: 'v2', IfMatch: '"0123456789abcdef0123456789abcdef"' })),
    );
    expect([wrong.name, wrong.$metadata.httpStatusCode, wrong.Condition]).toEqual(['PreconditionFailed', 412, 'If-Match']);
    expect(await text('im/a.txt')).toBe('v1');
    const replaced = await client.send(new PutObjectCommand({ Bucket, Key: 'im/a.txt', Body: 'v2', IfMatch: ETag }));
    expect(replaced.ETag).not.toBe(ETag);
    expect(await text('im/a.txt')).toBe('v2');
    const missing = await refusal(client.send(new PutObjectCommand({ Bucket, Key: 'im/none.txt', Body: 'x', IfMatch: ETag })));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
    expect(classifyAwsError(missing).failure).toBe('not-found');
  });

  it('refuses the header values S3 does not implement with NotImplemented', async () => {
    const error = await refusal(client.send(new PutObjectCommand({ Bucket, Key: 'ni/a.txt', Body: 'x', IfNoneMatch: '"abc"' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['NotImplemented', 501]);
    const head = await refusal(client.send(new HeadObjectCommand({ Bucket, Key: 'ni/a.txt' })));
    expect(head.name).toBe('NotFound');
  });

  it('lets exactly one of two racing If-Match writes win', async () => {
    const { ETag } = await client.send(new PutObjectCommand({ Bucket, Key: 'race/run.json', Body: 'start' }));
    const outcomes = await Promise.allSettled(
      ['left', 'right'].map((body) => client.send(new PutObjectCommand({ Bucket, Key: 'race/run.json', Body: body, IfMatch: ETag }))),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.name)).toEqual(['PreconditionFailed']);
    expect(['left', 'right']).toContain(await text('race/run.json'));
  });

  it('never shows a read half of a write that is still arriving', async () => {
    await client.send(new PutObjectCommand({ Bucket, Key: 'whole/a.txt', Body: 'old' }));
    const [first, second] = ['a'.repeat(256 * 1024), 'b'.repeat(256 * 1024)];
    const body = new PassThrough();
    // Without a checksum asked for, a streamed body goes plain rather than aws-chunked, which s3rver would keep framed.
    const plain = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: SANDBOX_CREDENTIALS,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const writing = plain.send(
      new PutObjectCommand({ Bucket, Key: 'whole/a.txt', Body: body, ContentLength: first.length * 2, StorageClass: 'STANDARD' }),
    );
    body.write(first);
    // The write's headers are in (the front logs them) and its first half is on its way.
    await vi.waitFor(() => expect(s3.hooks.writeHeaders.some((entry) => entry.key === 'whole/a.txt')).toBe(true));
    const reading = text('whole/a.txt');
    // The second half is held back until the read is answered, or for half a second if it waits for the write.
    await Promise.race([reading.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 500))]);
    body.end(second);
    await writing.finally(() => plain.destroy());
    const read = await reading;
    expect(read === 'old' || read === first + second, `a read saw ${read.length} bytes of a write in progress`).toBe(true);
  });

  it('refuses a 20 MiB multipart Upload with IfNoneMatch when the key exists, and leaves no upload behind', async () => {
    const body = Buffer.alloc(20 * 1024 * 1024, 7);
    const params = { Bucket, Key: 'mpu/part-00001.bin', Body: body, IfNoneMatch: '*' };
    await new Upload({ client, params, partSize: 8 * 1024 * 1024, queueSize: 4 }).done();
    const again = new Upload({
      client,
      params: { ...params, Body: Buffer.alloc(20 * 1024 * 1024, 9) },
      partSize: 8 * 1024 * 1024,
      queueSize: 4,
    });
    const error = await refusal(again.done());
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['PreconditionFailed', 412]);
    const listed = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'mpu/' }));
    expect(listed.Uploads ?? []).toEqual([]);
    const head = await client.send(new HeadObjectCommand({ Bucket, Key: 'mpu/part-00001.bin' }));
    expect(head.ContentLength).toBe(body.length);
    // s3rver reads `bytes=0-0` as the whole object: ask for two bytes.
    const first = await client.send(new GetObjectCommand({ Bucket, Key: 'mpu/part-00001.bin', Range: 'bytes=0-1' }));
    expect(Buffer.from(await first.Body!.transformToByteArray()).toString('hex')).toBe('0707');
  });

  it('answers a completion raced by another write with 409 when a test asks, and a new upload then succeeds', async () => {
    const params = { Bucket, Key: 'conflict/part-00001.bin', Body: Buffer.alloc(9 * 1024 * 1024, 1), IfNoneMatch: '*' };
    s3.hooks.conflictNextComplete('conflict/part-00001.bin');
    const error = await refusal(new Upload({ client, params, partSize: 8 * 1024 * 1024 }).done());
    expect([error.name, error.$metadata.httpStatusCode, error.Condition]).toEqual(['ConditionalRequestConflict', 409, 'If-None-Match']);
    expect(classifyAwsError(error).failure).toBe('condition-failed');
    expect((await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'conflict/' }))).Uploads ?? []).toEqual([]);
    await new Upload({ client, params, partSize: 8 * 1024 * 1024 }).done();
    expect((await client.send(new HeadObjectCommand({ Bucket, Key: params.Key }))).ContentLength).toBe(params.Body.length);
  });

  it('lists unfinished uploads under a prefix, aborts one, and says NoSuchUpload for it after', async () => {
    const started = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'lmu/p/part-00001.parquet' }));
    await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'lmu/q/part-00001.parquet' }));
    const listed = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'lmu/p/' }));
    expect(listed.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['lmu/p/part-00001.parquet', started.UploadId]]);
    const aborted = await client.send(
      new AbortMultipartUploadCommand({ Bucket, Key: 'lmu/p/part-00001.parquet', UploadId: started.UploadId }),
    );
    expect(aborted.$metadata.httpStatusCode).toBe(204);
    const again = await refusal(
      client.send(new AbortMultipartUploadCommand({ Bucket, Key: 'lmu/p/part-00001.parquet', UploadId: started.UploadId })),
    );
    expect([again.name, again.$metadata.httpStatusCode]).toEqual(['NoSuchUpload', 404]);
    const part = await refusal(
      client.send(new UploadPartCommand({ Bucket, Key: 'lmu/p/part-00001.parquet', UploadId: started.UploadId, PartNumber: 1, Body: 'x' })),
    );
    expect(part.name).toBe('NoSuchUpload');
    expect((await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'lmu/p/' }))).Uploads ?? []).toEqual([]);
  });

  it('pages ListObjectsV2 with continuation tokens (s3rver alone fails each truncated page)', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      await client.send(new PutObjectCommand({ Bucket, Key: `paged/dt=1/${name}`, Body: name }));
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client, pageSize: 2 }, { Bucket, Prefix: 'paged/' }))
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    expect(keys).toEqual(['a', 'b', 'c', 'd', 'e'].map((name) => `paged/dt=1/${name}`));
    const folders = await client.send(new ListObjectsV2Command({ Bucket, Prefix: 'paged/', Delimiter: '/' }));
    expect(folders.CommonPrefixes).toEqual([{ Prefix: 'paged/dt=1/' }]);
  });

  it('refuses what a deny rule names with AccessDenied naming the action, until it is lifted', async () => {
    const lift = s3.hooks.deny({ action: 's3:PutObject', keyPrefix: 'denied/' });
    const error = await refusal(client.send(new PutObjectCommand({ Bucket, Key: 'denied/a.txt', Body: 'x' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(classifyAwsError(error)).toMatchObject({ failure: 'access-denied', message: expect.stringContaining('s3:PutObject') });
    lift();
    await client.send(new PutObjectCommand({ Bucket, Key: 'denied/a.txt', Body: 'x' }));
  });

  it('names a bucket that does not exist', async () => {
    const error = await refusal(client.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'a', Body: 'x' })));
    expect(classifyAwsError(error)).toMatchObject({ failure: 'not-found', message: expect.stringContaining('"no-such-bucket"') });
  });
});

describe("the sandbox's S3 through the AWS CLI", () => {
  const run = promisify(execFile);
  const aws = (...args: string[]) =>
    run(AWS_CLI, ['--endpoint-url', s3.endpoint, '--region', 'us-east-1', ...args], {
      // No config or credentials file of the machine's: only these keys.
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'SANDBOX',
        AWS_SECRET_ACCESS_KEY: 'SANDBOX',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    });

  it('copies up, lists and copies back a prefix with aws s3', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'shardscope-s3-cli-'));
    try {
      await writeFile(path.join(folder, 'up.txt'), 'from the cli');
      await aws('s3', 'cp', path.join(folder, 'up.txt'), `s3://${Bucket}/cli/up.txt`);
      await client.send(new PutObjectCommand({ Bucket, Key: 'cli/sdk.txt', Body: 'from the sdk' }));
      const { stdout } = await aws('s3', 'ls', `s3://${Bucket}/cli/`);
      expect(stdout).toMatch(/ up\.txt$/m);
      expect(stdout).toMatch(/ sdk\.txt$/m);
      await aws('s3', 'cp', '--recursive', `s3://${Bucket}/cli/`, path.join(folder, 'down'));
      expect(await readFile(path.join(folder, 'down', 'sdk.txt'), 'utf8')).toBe('from the sdk');
      expect(await text('cli/up.txt')).toBe('from the cli');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
