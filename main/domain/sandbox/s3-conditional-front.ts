import { readdir, readFile, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type S3rver from 's3rver';
import { listObjectsV2 } from './s3-list-objects';
import { listUploadsXml, parseS3Request, sendS3Error, sendXml, type S3Request, type UnfinishedUpload } from './s3-wire';

/** A refusal the sandbox makes on purpose, as IAM would: a test of "PutObject denied" needs one. */
export interface DenyRule {
  /** The IAM action refused, e.g. s3:PutObject. */
  action: string;
  /** Only keys (or a list's prefix) starting with this; every key when absent. */
  keyPrefix?: string;
}

/** What tests may do to the sandbox's S3 that AWS does by itself: refuse, conflict, and show what it was asked. */
export interface S3FrontHooks {
  /** Refuses matching requests with 403 AccessDenied until the returned function is called. */
  deny(rule: DenyRule): () => void;
  /** The next CompleteMultipartUpload of `key` answers 409 ConditionalRequestConflict, as AWS does when a write raced it. */
  conflictNextComplete(key: string): void;
  /** The encryption and storage-class headers writes carried: s3rver accepts them but keeps none. */
  readonly writeHeaders: readonly { key: string; headers: Record<string, string> }[];
}

const WRITE_HEADERS = ['x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-storage-class'];
const HEADER_LOG_LIMIT = 1_000;
/** s3rver names its upload ids in hex; anything else cannot be one, and must never reach a path. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;
const SUBRESOURCES = ['acl', 'tagging', 'uploads', 'uploadId', 'legal-hold', 'retention', 'torrent'];

/** The IAM action a request needs, for deny rules and their messages. */
function actionOf(request: S3Request): string {
  const { method, key, query } = request;
  if (!key) return query.has('uploads') ? 's3:ListBucketMultipartUploads' : method === 'GET' ? 's3:ListBucket' : `s3:${method}Bucket`;
  if (method === 'GET' || method === 'HEAD') return 's3:GetObject';
  if (method === 'DELETE') return query.has('uploadId') ? 's3:AbortMultipartUpload' : 's3:DeleteObject';
  return 's3:PutObject';
}

/** One writer per key at a time: two conditional writes that both checked first would both win. */
class KeyLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

/**
 * What s3rver lacks, in front of it on the same port: AWS's conditional writes (If-None-Match and
 * If-Match on PutObject and CompleteMultipartUpload), AbortMultipartUpload, ListMultipartUploads,
 * NoSuchUpload for an unknown upload id, and ListObjectsV2 pages that work on today's OpenSSL. Every other request goes to s3rver unchanged.
 */
export function conditionalFront(server: S3rver, directory: string) {
  const forward = server.callback();
  const locks = new KeyLocks();
  const denials = new Set<DenyRule>();
  const conflicts = new Set<string>();
  const writeHeaders: { key: string; headers: Record<string, string> }[] = [];
  const uploadsDir = (bucket: string) => path.join(directory, bucket, '._S3rver_uploads');

  async function uploadKey(bucket: string, uploadId: string): Promise<string | null> {
    if (!UPLOAD_ID.test(uploadId)) return null;
    return readFile(path.join(uploadsDir(bucket), uploadId, 'key'), 'utf8').catch(() => null);
  }

  async function currentEtag(bucket: string, key: string): Promise<string | null> {
    const metadata = await server.store.getMetadata(bucket, key).catch(() => null);
    return metadata ? metadata.etag.replace(/"/g, '') : null;
  }

  /** Refuses a write whose condition does not hold; null to let it through (with the key's lock held). */
  async function conditionalWrite(req: IncomingMessage, res: ServerResponse, request: S3Request): Promise<void> {
    const ifNoneMatch = req.headers['if-none-match'];
    const ifMatch = req.headers['if-match'];
    if (ifNoneMatch && ifMatch) return sendS3Error(req, res, 501, 'NotImplemented', { Header: 'If-Match,If-None-Match' });
    if (ifNoneMatch !== undefined && ifNoneMatch !== '*') return sendS3Error(req, res, 501, 'NotImplemented', { Header: 'If-None-Match' });
    if (ifMatch === '*') return sendS3Error(req, res, 501, 'NotImplemented', { Header: 'If-Match' });
    const release = await locks.acquire(`${request.bucket}/${request.key}`);
    res.once('close', release);
    if (request.method === 'POST' && conflicts.delete(request.key))
      return sendS3Error(req, res, 409, 'ConditionalRequestConflict', {
        Condition: ifMatch ? 'If-Match' : 'If-None-Match',
        Key: request.key,
      });
    if (ifNoneMatch || ifMatch) {
      const etag = await currentEtag(request.bucket, request.key);
      if (ifNoneMatch && etag !== null) return sendS3Error(req, res, 412, 'PreconditionFailed', { Condition: 'If-None-Match' });
      if (ifMatch && etag === null) return sendS3Error(req, res, 404, 'NoSuchKey', { Key: request.key });
      if (ifMatch && etag !== ifMatch.replace(/"/g, '')) return sendS3Error(req, res, 412, 'PreconditionFailed', { Condition: 'If-Match' });
    }
    forward(req, res);
  }

  async function listUploads(res: ServerResponse, request: S3Request): Promise<void> {
    const prefix = request.query.get('prefix') ?? '';
    const ids = await readdir(uploadsDir(request.bucket)).catch(() => [] as string[]);
    const uploads: UnfinishedUpload[] = [];
    for (const uploadId of ids) {
      const keyFile = path.join(uploadsDir(request.bucket), uploadId, 'key');
      const [key, info] = await Promise.all([readFile(keyFile, 'utf8').catch(() => null), stat(keyFile).catch(() => null)]);
      if (key !== null && info && key.startsWith(prefix)) uploads.push({ key, uploadId, initiated: info.mtime });
    }
    uploads.sort((a, b) => a.key.localeCompare(b.key) || a.initiated.getTime() - b.initiated.getTime());
    sendXml(res, listUploadsXml(request.bucket, prefix, uploads));
  }

  async function abortUpload(req: IncomingMessage, res: ServerResponse, request: S3Request, uploadId: string): Promise<void> {
    if ((await uploadKey(request.bucket, uploadId)) !== request.key)
      return sendS3Error(req, res, 404, 'NoSuchUpload', { UploadId: uploadId });
    await rm(path.join(uploadsDir(request.bucket), uploadId), { recursive: true, force: true });
    req.resume();
    res.writeHead(204).end();
  }

  function denied(req: IncomingMessage, res: ServerResponse, request: S3Request): boolean {
    const action = actionOf(request);
    const subject = request.key || (request.query.get('prefix') ?? '');
    for (const rule of denials) {
      if (rule.action !== action || !subject.startsWith(rule.keyPrefix ?? '')) continue;
      const resource = `arn:aws:s3:::${request.bucket}${request.key ? `/${request.key}` : ''}`;
      const message = `User: arn:aws:iam::123456789000:user/sandbox is not authorized to perform: ${action} on resource: "${resource}" because no identity-based policy allows the ${action} action`;
      sendS3Error(req, res, 403, 'AccessDenied', {}, message);
      return true;
    }
    return false;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = parseS3Request(req);
    if (!request) return forward(req, res);
    if (denied(req, res, request)) return;
    const { method, key, query } = request;
    if (!key && method === 'GET' && query.has('uploads')) return listUploads(res, request);
    // A missing bucket is left to s3rver, which answers NoSuchBucket naming it.
    if (!key && method === 'GET' && query.get('list-type') === '2' && (await server.store.getBucket(request.bucket)))
      return listObjectsV2(server, res, request);
    if (!key) return forward(req, res);
    if (method === 'PUT' || method === 'POST') {
      const headers = Object.fromEntries(WRITE_HEADERS.flatMap((name) => (req.headers[name] ? [[name, String(req.headers[name])]] : [])));
      if (Object.keys(headers).length > 0) writeHeaders.push({ key, headers });
      if (writeHeaders.length > HEADER_LOG_LIMIT) writeHeaders.shift();
    }
    const uploadId = query.get('uploadId');
    if (uploadId !== null) {
      if (method === 'DELETE') return abortUpload(req, res, request, uploadId);
      // s3rver would make a part for an upload that is gone, and fail only at Complete.
      if ((await uploadKey(request.bucket, uploadId)) !== key) return sendS3Error(req, res, 404, 'NoSuchUpload', { UploadId: uploadId });
      return method === 'POST' ? conditionalWrite(req, res, request) : forward(req, res);
    }
    const plainObjectWrite = method === 'PUT' && !req.headers['x-amz-copy-source'] && !SUBRESOURCES.some((name) => query.has(name));
    if (plainObjectWrite || method === 'DELETE') return conditionalWrite(req, res, request);
    // s3rver writes an object in place as its body arrives; S3 shows a write whole or not at all,
    // so a read waits for the key's write in progress (a run's run.json read while it is replaced).
    if (method === 'GET' || method === 'HEAD') {
      const release = await locks.acquire(`${request.bucket}/${key}`);
      res.once('close', release);
    }
    forward(req, res);
  }

  const hooks: S3FrontHooks = {
    deny(rule) {
      const own = { ...rule };
      denials.add(own);
      return () => void denials.delete(own);
    },
    conflictNextComplete: (key) => void conflicts.add(key),
    writeHeaders,
  };

  return {
    hooks,
    handle(req: IncomingMessage, res: ServerResponse): void {
      route(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendS3Error(req, res, 500, 'InternalError', {}, `The sandbox's S3 failed: ${(error as Error).message}`);
        else res.destroy();
      });
    },
  };
}
