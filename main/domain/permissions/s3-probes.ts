import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { classifyAwsError } from '../../aws/errors';
import { createS3ClientFor } from '../connections/s3-client';
import type { ConnectionTarget } from '../connections/target';
import { parseS3Location, type S3Location } from '../engine/objects/s3-location';
import { classifyProbeError, type Outcome } from './classify';

export interface S3CheckTarget {
  /** `s3://bucket/prefix/`, the run's output. */
  url: string;
  sse?: 'AES256' | 'aws:kms' | undefined;
  kmsKeyId?: string | undefined;
}

const granted: Outcome = { status: 'granted', reason: null };
const notChecked = (reason: string): Outcome => ({ status: 'unchecked', reason });
/** An upload id no bucket has: S3 answers NoSuchUpload once IAM has let the abort through. */
const PROBE_UPLOAD_ID = 'shardscope-permission-check';

/** A call that reaches S3 and finds nothing (NoSuchKey, NoSuchUpload) proves IAM allowed it. */
async function attempt(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return granted;
  } catch (error) {
    if (classifyAwsError(error).failure === 'not-found' && (error as Error).name !== 'NoSuchBucket') return granted;
    return classifyProbeError(error);
  }
}

/** S3 refuses a write for the key it would encrypt with in the caller's name: the denial names the KMS action. */
const namesKms = (outcome: Outcome, action: string) => outcome.status !== 'granted' && (outcome.reason ?? '').includes(action);

async function drain(answer: { Body?: unknown }): Promise<void> {
  const body = answer.Body as Readable | undefined;
  if (body) for await (const chunk of body) void chunk;
}

/**
 * What a run to an S3 prefix needs, probed with calls that change nothing: a listing of one key,
 * a read of a key nobody writes, an abort of an upload that does not exist. Writing (and through
 * it SSE-KMS's key use) is tried only when the user opts in: one small object under the prefix,
 * read back and deleted.
 */
export async function probeS3Access(
  target: ConnectionTarget,
  check: S3CheckTarget,
  options: { writeProbe: boolean; readOnly: boolean },
): Promise<Record<string, Outcome>> {
  const location = parseS3Location(check.url);
  const s3 = await createS3ClientFor(target);
  try {
    return await probeWith(s3, location, check, options);
  } finally {
    s3.destroy();
  }
}

async function probeWith(
  s3: S3Client,
  { bucket, prefix }: S3Location,
  check: S3CheckTarget,
  options: { writeProbe: boolean; readOnly: boolean },
): Promise<Record<string, Outcome>> {
  const absent = `${prefix}.shardscope-permission-check-absent`;
  const [list, uploads, read, abort] = await Promise.all([
    attempt(() => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }))),
    attempt(() => s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, MaxUploads: 1 }))),
    attempt(() => s3.send(new GetObjectCommand({ Bucket: bucket, Key: absent }))),
    options.readOnly
      ? Promise.resolve(notChecked('This connection is read-only: Shardscope refuses every change on it, an abort included.'))
      : attempt(() => s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: absent, UploadId: PROBE_UPLOAD_ID }))),
  ]);
  const outcomes: Record<string, Outcome> = {
    's3:ListBucket': list,
    's3:ListBucketMultipartUploads': uploads,
    // Without s3:ListBucket S3 answers a missing key with 403, whatever s3:GetObject allows.
    's3:GetObject':
      read.status === 'missing' && list.status === 'missing'
        ? notChecked('S3 answers a read of a missing object with 403 when s3:ListBucket is missing too; grant that to check this.')
        : read,
    's3:AbortMultipartUpload': abort,
  };
  const kms = check.sse === 'aws:kms';
  if (!options.writeProbe || options.readOnly) {
    const why = options.readOnly
      ? 'This connection is read-only: Shardscope refuses every write on it, so writing was not tried.'
      : 'Writing cannot be checked without writing; opt in to write (and delete) one small object under the prefix.';
    outcomes['s3:PutObject'] = notChecked(why);
    outcomes['s3:DeleteObject'] = notChecked(why);
    if (kms) {
      outcomes['kms:GenerateDataKey'] = notChecked(`S3 uses the key for a write only: ${why}`);
      outcomes['kms:Decrypt'] = notChecked(`S3 uses the key to read what was written with it: ${why}`);
    }
    return outcomes;
  }
  const key = `${prefix}.shardscope-permission-check-${randomUUID()}`;
  const put = await attempt(() =>
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: 'Shardscope permission check: safe to delete.\n',
        IfNoneMatch: '*',
        ...(check.sse ? { ServerSideEncryption: check.sse } : {}),
        ...(kms && check.kmsKeyId ? { SSEKMSKeyId: check.kmsKeyId } : {}),
      }),
    ),
  );
  const kmsRefusedPut = kms && namesKms(put, 'kms:GenerateDataKey');
  outcomes['s3:PutObject'] = kmsRefusedPut ? granted : put;
  if (kms)
    outcomes['kms:GenerateDataKey'] = kmsRefusedPut
      ? { ...put, status: 'missing' }
      : put.status === 'granted'
        ? granted
        : notChecked('The test write was refused before S3 used the key.');
  if (put.status !== 'granted') {
    outcomes['s3:DeleteObject'] = notChecked('Nothing was written to delete.');
    if (kms) outcomes['kms:Decrypt'] = notChecked('Nothing was written with the key to read back.');
    return outcomes;
  }
  // Read back: with SSE-KMS this is where S3 decrypts in the caller's name.
  const readBack = await attempt(async () => drain(await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))));
  if (kms) outcomes['kms:Decrypt'] = namesKms(readBack, 'kms:Decrypt') ? { ...readBack, status: 'missing' } : readBack;
  if (read.status !== 'granted' && readBack.status === 'granted') outcomes['s3:GetObject'] = granted;
  outcomes['s3:DeleteObject'] = await attempt(() => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
  if (outcomes['s3:DeleteObject']!.status !== 'granted')
    outcomes['s3:DeleteObject'] = {
      ...outcomes['s3:DeleteObject']!,
      reason: `${outcomes['s3:DeleteObject']!.reason ?? ''} The test object s3://${bucket}/${key} is left behind: delete it.`.trim(),
    };
  return outcomes;
}
