import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  type S3Client,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../core/app-error';
import { classifyAwsError } from '../../../aws/errors';
import { listUnfinishedUploads, type UnfinishedUpload } from './unfinished-uploads';
import { formatS3Location, type S3Location } from './s3-location';
import { s3Failure } from './s3-failure';

export type { UnfinishedUpload } from './unfinished-uploads';

/** A body to store: a file by its path (streamed, never held whole), a stream, text or bytes. */
export type ObjectBody = { file: string } | Readable | string | Uint8Array;

export interface PutOptions {
  /** x-amz-meta-* pairs; the store adds its own write token beside them. */
  metadata?: Record<string, string>;
  contentType?: string;
  sse?: 'AES256' | 'aws:kms';
  kmsKeyId?: string;
  storageClass?: StorageClass;
  signal?: AbortSignal;
}

/** What a replaced object carries besides its text: the encryption every object of a run gets. */
export type ReplaceOptions = Pick<PutOptions, 'sse' | 'kmsKeyId'>;

export interface StoredObject {
  /** Relative to the store's prefix. */
  key: string;
  size: number;
  etag: string;
}

/** 8 MiB parts, four at a time: a file under one part is a single PutObject; memory stays near (4 + 1) × 8 MiB per upload. */
export const PART_SIZE = 8 * 1024 * 1024;
export const PARTS_IN_FLIGHT = 4;
/** What read() takes whole (a manifest, a journal): anything larger is not one of those. */
export const MAX_READ_BYTES = 16 * 1024 * 1024;
/** A listing past this is not a run's prefix; it would hold the whole list in memory. */
export const MAX_LISTED = 200_000;
/** The metadata key that tells this store's own write from another writer's. */
export const WRITE_TOKEN = 'shardscope-write';

/**
 * Objects under one `s3://bucket/prefix/`, written only by conditional writes: a new key is never
 * written over (If-None-Match), a replaced one only if nobody changed it since it was read
 * (If-Match). Keys are relative to the prefix. Errors name the object, never a credential.
 */
export class ObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly location: S3Location,
    /** Keys per ListObjectsV2 page; S3's most is 1,000. */
    private readonly pageSize = 1000,
  ) {}

  urlOf(key: string): string {
    return formatS3Location(this.location, key);
  }

  private keyOf(key: string): string {
    return this.location.prefix + key;
  }

  /**
   * Writes `key` only if it does not exist, and gives back its ETag. A retried call whose first
   * attempt landed sees 412 for its own write: the write token in the metadata tells it apart.
   */
  async putNew(key: string, body: ObjectBody, options: PutOptions = {}): Promise<string> {
    const token = randomUUID();
    const file = typeof body === 'object' && 'file' in body ? createReadStream(body.file) : null;
    const Body = file ?? (body as Exclude<ObjectBody, { file: string }>);
    const length = typeof body === 'object' && 'file' in body ? (await stat(body.file)).size : undefined;
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const upload = new Upload({
        client: this.client,
        params: {
          ...this.target(key),
          Body,
          ...(length !== undefined ? { ContentLength: length } : {}),
          IfNoneMatch: '*',
          Metadata: { ...options.metadata, [WRITE_TOKEN]: token },
          ...(options.contentType ? { ContentType: options.contentType } : {}),
          ...(options.sse ? { ServerSideEncryption: options.sse } : {}),
          ...(options.kmsKeyId ? { SSEKMSKeyId: options.kmsKeyId } : {}),
          ...(options.storageClass ? { StorageClass: options.storageClass } : {}),
        },
        partSize: PART_SIZE,
        queueSize: PARTS_IN_FLIGHT,
        // A failed part or a refused completion aborts the upload: no parts are left to pay for.
        leavePartsOnError: false,
        abortController: abort,
      });
      const done = await upload.done();
      return unquoted(done.ETag);
    } catch (error) {
      // A retried completion whose first attempt landed finds its upload gone (NoSuchUpload).
      if (isConditionFailure(error) || (error as Error).name === 'NoSuchUpload') {
        const own = await this.ownWrite(key, token);
        if (own) return own;
        if (isConditionFailure(error))
          throw new AppError(
            'conflict',
            `${this.urlOf(key)} already exists: another writer stored it first, and it is never written over.`,
          );
      }
      throw s3Failure(error, 's3:PutObject', this.urlOf(key));
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      // A file's stream is ours to close, whether the upload read it to the end or not.
      file?.destroy();
    }
  }

  /** The whole object as text with its ETag; null when there is none. */
  async read(key: string): Promise<{ text: string; etag: string } | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand(this.target(key)));
      if ((answer.ContentLength ?? 0) > MAX_READ_BYTES) {
        (answer.Body as Readable | undefined)?.destroy();
        throw this.tooLarge(key);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of answer.Body as Readable) {
        size += (chunk as Buffer).length;
        if (size > MAX_READ_BYTES) {
          (answer.Body as Readable).destroy();
          throw this.tooLarge(key);
        }
        chunks.push(chunk as Buffer);
      }
      return { text: Buffer.concat(chunks).toString('utf8'), etag: unquoted(answer.ETag) };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (classifyAwsError(error).failure === 'not-found' && (error as Error).name !== 'NoSuchBucket') return null;
      throw s3Failure(error, 's3:GetObject', this.urlOf(key));
    }
  }

  /**
   * Replaces `key` only if it is still what was read (its ETag), or creates it if `etag` is null
   * and it does not exist; gives back the new ETag. Anything else is another writer's doing.
   */
  async replace(key: string, text: string, etag: string | null, options: ReplaceOptions = {}): Promise<string> {
    const token = randomUUID();
    const condition = etag === null ? { IfNoneMatch: '*' } : { IfMatch: `"${unquoted(etag)}"` };
    try {
      const answer = await this.client.send(
        new PutObjectCommand({
          ...this.target(key),
          Body: text,
          ContentType: 'application/json',
          Metadata: { [WRITE_TOKEN]: token },
          ...(options.sse ? { ServerSideEncryption: options.sse } : {}),
          ...(options.kmsKeyId ? { SSEKMSKeyId: options.kmsKeyId } : {}),
          ...condition,
        }),
      );
      return unquoted(answer.ETag);
    } catch (error) {
      const gone = etag !== null && (error as Error).name === 'NoSuchKey';
      if (isConditionFailure(error) || gone) {
        const own = await this.ownWrite(key, token);
        if (own) return own;
        throw new AppError(
          'conflict',
          gone
            ? `${this.urlOf(key)} was removed by another writer since it was read.`
            : `Another writer changed ${this.urlOf(key)} since it was read: it was not replaced.`,
        );
      }
      throw s3Failure(error, 's3:PutObject', this.urlOf(key));
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  /** The object's ETag and x-amz-meta-* pairs (keys lower-cased, as S3 gives them); null when there is none. */
  async head(key: string): Promise<{ etag: string; metadata: Record<string, string> } | null> {
    try {
      const answer = await this.client.send(new HeadObjectCommand(this.target(key)));
      return { etag: unquoted(answer.ETag), metadata: answer.Metadata ?? {} };
    } catch (error) {
      if (classifyAwsError(error).failure === 'not-found' && (error as Error).name !== 'NoSuchBucket') return null;
      throw s3Failure(error, 's3:GetObject', this.urlOf(key));
    }
  }

  /** Deletes `key`; deleting one that is not there is no failure, as in S3 itself. */
  async remove(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand(this.target(key)));
    } catch (error) {
      throw s3Failure(error, 's3:DeleteObject', this.urlOf(key));
    }
  }

  /** Every object whose key starts with `prefix` (relative to the store's), in key order. */
  async list(prefix = ''): Promise<StoredObject[]> {
    const found: StoredObject[] = [];
    try {
      const pages = paginateListObjectsV2(
        { client: this.client, pageSize: this.pageSize },
        { Bucket: this.location.bucket, Prefix: this.keyOf(prefix) },
      );
      for await (const page of pages) {
        for (const object of page.Contents ?? []) {
          found.push({ key: object.Key!.slice(this.location.prefix.length), size: object.Size ?? 0, etag: unquoted(object.ETag) });
        }
        if (found.length > MAX_LISTED)
          throw new AppError('invalid-input', `${this.urlOf(prefix)} holds more than ${MAX_LISTED} objects: choose a prefix of its own.`);
      }
    } catch (error) {
      throw error instanceof AppError ? error : s3Failure(error, 's3:ListBucket', this.urlOf(prefix));
    }
    return found;
  }

  /** Multipart uploads begun under `prefix` and never completed nor aborted: what a killed writer left. */
  async listUnfinishedUploads(prefix = ''): Promise<UnfinishedUpload[]> {
    try {
      return await listUnfinishedUploads(this.client, this.location, prefix, MAX_LISTED);
    } catch (error) {
      throw error instanceof AppError ? error : s3Failure(error, 's3:ListBucketMultipartUploads', this.urlOf(prefix));
    }
  }

  /** Aborts an unfinished upload; false when it was already gone (completed, aborted, or expired by a lifecycle rule). */
  async abortUpload(key: string, uploadId: string): Promise<boolean> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ ...this.target(key), UploadId: uploadId }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'NoSuchUpload') return false;
      throw s3Failure(error, 's3:AbortMultipartUpload', this.urlOf(key));
    }
  }

  /** Streams the object into `file`; a failed download leaves no partial file. */
  async download(key: string, file: string): Promise<void> {
    try {
      const answer = await this.client.send(new GetObjectCommand(this.target(key)));
      await pipeline(answer.Body as Readable, createWriteStream(file, { mode: 0o600 }));
    } catch (error) {
      await rm(file, { force: true });
      if (classifyAwsError(error).failure === 'not-aws') throw error;
      throw s3Failure(error, 's3:GetObject', this.urlOf(key));
    }
  }

  private target(key: string) {
    return { Bucket: this.location.bucket, Key: this.keyOf(key) };
  }

  /** The ETag of `key` if this store's write with `token` is what is there now. */
  private async ownWrite(key: string, token: string): Promise<string | null> {
    const head = await this.client.send(new HeadObjectCommand(this.target(key))).catch(() => null);
    return head?.Metadata?.[WRITE_TOKEN] === token ? unquoted(head.ETag) : null;
  }

  private tooLarge(key: string): AppError {
    return new AppError(
      'invalid-input',
      `${this.urlOf(key)} is larger than ${MAX_READ_BYTES / 1024 / 1024} MiB: it is not one Shardscope reads whole.`,
    );
  }
}

function isConditionFailure(error: unknown): boolean {
  const name = (error as Error | null)?.name;
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict';
}

/** ETags without their quotes: S3 sends them quoted, and an If-Match takes them either way. */
function unquoted(etag: string | undefined): string {
  return (etag ?? '').replace(/"/g, '');
}
