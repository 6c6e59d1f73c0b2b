import { CreateMultipartUploadCommand, DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS } from '../../main/domain/connections/sandbox-host';
import { MAX_READ_BYTES, ObjectStore, WRITE_TOKEN } from '../../main/domain/engine/objects/object-store';
import { parseS3Location } from '../../main/domain/engine/objects/s3-location';
import { SANDBOX_BUCKET, startLocalS3, type LocalS3 } from '../../main/domain/sandbox/s3-server';
import { startAnswerDropper, type AnswerDropper } from '../support/answer-dropper';

const Bucket = SANDBOX_BUCKET;
let s3: LocalS3;
let client: S3Client;
let folder: string;

beforeAll(async () => {
  s3 = await startLocalS3();
  client = await createS3Client({ region: 'us-east-1', endpoint: s3.endpoint, credentials: SANDBOX_CREDENTIALS });
  folder = await mkdtemp(path.join(tmpdir(), 'shardscope-object-store-'));
});
afterAll(async () => {
  client?.destroy();
  await s3?.close();
  await rm(folder, { recursive: true, force: true });
});

const storeAt = (prefix: string, pageSize?: number) => new ObjectStore(client, parseS3Location(`s3://${Bucket}/${prefix}`), pageSize);

async function md5Of(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('the object store over the sandbox S3', () => {
  it('writes a new key once: a second putNew is a conflict and the first body stays', async () => {
    const store = storeAt('once/');
    const etag = await store.putNew('part-00001.json', '{"n":1}');
    await expect(store.putNew('part-00001.json', '{"n":2}')).rejects.toMatchObject({
      code: 'conflict',
      message: `s3://${Bucket}/once/part-00001.json already exists: another writer stored it first, and it is never written over.`,
    });
    expect(await store.read('part-00001.json')).toEqual({ text: '{"n":1}', etag });
    expect(await store.exists('part-00001.json')).toBe(true);
    expect(await store.exists('part-00002.json')).toBe(false);
    expect(await store.read('part-00002.json')).toBeNull();
  });

  it('uploads a 20 MiB file in parts with its metadata, leaves no upload behind, and downloads it intact', async () => {
    const store = storeAt('big/');
    const file = path.join(folder, 'big.bin');
    await writeFile(file, Buffer.alloc(20 * 1024 * 1024 + 123, 'shardscope'));
    await store.putNew(
      'part-00001.bin',
      { file },
      {
        metadata: { 'shardscope-run': 'r1' },
        contentType: 'application/octet-stream',
        sse: 'aws:kms',
        kmsKeyId: 'alias/runs',
        storageClass: 'STANDARD_IA',
      },
    );
    const head = await client.send(new HeadObjectCommand({ Bucket, Key: 'big/part-00001.bin' }));
    expect(head.ContentLength).toBe(20 * 1024 * 1024 + 123);
    expect(head.Metadata).toMatchObject({ 'shardscope-run': 'r1', [WRITE_TOKEN]: expect.any(String) });
    expect(head.ContentType).toBe('application/octet-stream');
    // s3rver keeps no encryption settings: the front's log shows what the upload asked for.
    expect(s3.hooks.writeHeaders.filter((w) => w.key === 'big/part-00001.bin').map((w) => w.headers)).toContainEqual({
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'alias/runs',
      'x-amz-storage-class': 'STANDARD_IA',
    });
    expect(await store.listUnfinishedUploads()).toEqual([]);
    const copy = path.join(folder, 'copy.bin');
    await store.download('part-00001.bin', copy);
    expect(await md5Of(copy)).toBe(await md5Of(file));
  });

  it('recognises its own write when a retried put is refused because the first attempt landed', async () => {
    const dropper: AnswerDropper = await startAnswerDropper(s3.endpoint);
    const viaDropper = await createS3Client({ region: 'us-east-1', endpoint: dropper.endpoint, credentials: SANDBOX_CREDENTIALS });
    try {
      const store = new ObjectStore(viaDropper, parseS3Location(`s3://${Bucket}/retried/`));
      dropper.loseAnswers((req) => req.method === 'PUT' && req.url!.startsWith(`/${Bucket}/retried/`), 2);
      const etag = await store.putNew('part-00001.json', 'landed once');
      const replaced = await store.replace('part-00001.json', 'replaced once', etag);
      expect(dropper.lost).toBe(2);
      expect(await store.read('part-00001.json')).toEqual({ text: 'replaced once', etag: replaced });
      // A lost answer to a multipart completion: the retry finds the upload gone, and the object its own.
      dropper.loseAnswers((req) => req.method === 'POST' && req.url!.includes('uploadId='), 1);
      const big = await store.putNew('part-00002.bin', Buffer.alloc(9 * 1024 * 1024, 2));
      expect(dropper.lost).toBe(3);
      expect(big).toMatch(/^[0-9a-f]{32}/);
      // Another writer's object under the same key is still refused.
      await expect(store.putNew('part-00001.json', 'again')).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      viaDropper.destroy();
      await dropper.close();
    }
  });

  it('replaces only what it read: create with null, then If-Match; a changed or removed object is a conflict', async () => {
    const store = storeAt('manifest/');
    const first = await store.replace('run.json', '{"v":1}', null);
    await expect(store.replace('run.json', '{"v":1}', null)).rejects.toMatchObject({ code: 'conflict' });
    const second = await store.replace('run.json', '{"v":2}', first);
    expect(second).not.toBe(first);
    await expect(store.replace('run.json', '{"v":3}', first)).rejects.toMatchObject({
      code: 'conflict',
      message: `Another writer changed s3://${Bucket}/manifest/run.json since it was read: it was not replaced.`,
    });
    expect((await store.read('run.json'))?.text).toBe('{"v":2}');
    await client.send(new DeleteObjectCommand({ Bucket, Key: 'manifest/run.json' }));
    await expect(store.replace('run.json', '{"v":3}', second)).rejects.toMatchObject({ code: 'conflict', message: /was removed/ });
  });

  it('refuses to read an object larger than it takes whole', async () => {
    await client.send(new PutObjectCommand({ Bucket, Key: 'huge/run.json', Body: Buffer.alloc(MAX_READ_BYTES + 1, 32) }));
    await expect(storeAt('huge/').read('run.json')).rejects.toMatchObject({ code: 'invalid-input', message: /larger than 16 MiB/ });
  });

  it('lists every page of a prefix, relative to the store', async () => {
    const store = storeAt('listed/', 2);
    for (const name of ['a', 'b', 'c', 'd', 'e']) await store.putNew(`dt=1/${name}`, name);
    await store.putNew('other/x', 'x');
    const listed = await store.list('dt=1/');
    expect(listed.map((o) => o.key)).toEqual(['dt=1/a', 'dt=1/b', 'dt=1/c', 'dt=1/d', 'dt=1/e']);
    expect(listed[0]).toMatchObject({ size: 1, etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(await store.list()).toHaveLength(6);
  });

  it('lists and aborts the uploads a killed writer left; one already gone is not an error', async () => {
    const store = storeAt('killed/');
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'killed/part-00003.parquet' }));
    expect(await store.listUnfinishedUploads()).toEqual([{ key: 'part-00003.parquet', uploadId: UploadId, initiated: expect.any(Date) }]);
    expect(await store.abortUpload('part-00003.parquet', UploadId!)).toBe(true);
    expect(await store.abortUpload('part-00003.parquet', UploadId!)).toBe(false);
    expect(await store.listUnfinishedUploads()).toEqual([]);
  });

  it('says which action S3 refused, names a missing bucket, and leaves no file from a failed download', async () => {
    const lift = s3.hooks.deny({ action: 's3:PutObject', keyPrefix: 'refused/' });
    try {
      await expect(storeAt('refused/').putNew('part-00001.json', 'x')).rejects.toMatchObject({
        code: 'access-denied',
        message: expect.stringMatching(/^S3 refused s3:PutObject on s3:\/\/shardscope-sandbox\/refused\/part-00001\.json: /),
      });
    } finally {
      lift();
    }
    const missing = new ObjectStore(client, parseS3Location('s3://no-such-bucket/runs/'));
    await expect(missing.putNew('a', 'x')).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('"no-such-bucket"'),
    });
    const file = path.join(folder, 'never.bin');
    await expect(storeAt('absent/').download('nothing.bin', file)).rejects.toMatchObject({ code: 'not-found' });
    expect(existsSync(file)).toBe(false);
  });
});
