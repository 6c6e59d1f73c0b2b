import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A path-style S3 request as the front routes it: `/<bucket>/<key>?query`. */
export interface S3Request {
  method: string;
  bucket: string;
  /** Empty for a bucket-level request. */
  key: string;
  query: URLSearchParams;
}

export function parseS3Request(req: IncomingMessage): S3Request | null {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const [, bucket = '', ...rest] = url.pathname.split('/');
  if (!bucket) return null;
  try {
    return {
      method: req.method ?? 'GET',
      bucket: decodeURIComponent(bucket),
      key: decodeURIComponent(rest.join('/')),
      query: url.searchParams,
    };
  } catch {
    // A malformed escape: s3rver answers it with its own error.
    return null;
  }
}

export const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);

/** AWS's own messages, so a user who searches one finds S3's documentation. */
export const S3_MESSAGES = {
  PreconditionFailed: 'At least one of the pre-conditions you specified did not hold',
  NotImplemented: 'A header you provided implies functionality that is not implemented',
  NoSuchKey: 'The specified key does not exist.',
  NoSuchUpload: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  ConditionalRequestConflict: 'The conditional request cannot succeed due to a conflicting operation against this resource.',
  AccessDenied: 'Access Denied',
  InternalError: 'We encountered an internal error. Please try again.',
} as const;

/**
 * An error as S3 sends it: the SDK makes its exception from `Code` and copies the other fields
 * (Condition, Key, UploadId) onto it, so tests and callers see what they would see on AWS.
 */
export function sendS3Error(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: keyof typeof S3_MESSAGES,
  extra: Record<string, string> = {},
  message: string = S3_MESSAGES[code],
): void {
  // A refused body is read and dropped: left unread, it would stall the client's keep-alive socket.
  req.resume();
  const requestId = randomUUID();
  const fields = Object.entries(extra)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${fields}<RequestId>${requestId}</RequestId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId, 'Content-Length': Buffer.byteLength(body) });
  // A HEAD answer has headers only, as on S3.
  res.end(req.method === 'HEAD' ? undefined : body);
}

export interface UnfinishedUpload {
  key: string;
  uploadId: string;
  initiated: Date;
}

/** The whole list in one page: a sandbox holds few unfinished uploads, so it never truncates. */
export function listUploadsXml(bucket: string, prefix: string, uploads: readonly UnfinishedUpload[]): string {
  const items = uploads
    .map(
      (u) =>
        `<Upload><Key>${escapeXml(u.key)}</Key><UploadId>${escapeXml(u.uploadId)}</UploadId><StorageClass>STANDARD</StorageClass><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Bucket>${escapeXml(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><Prefix>${escapeXml(prefix)}</Prefix>` +
    `<MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>${items}</ListMultipartUploadsResult>`
  );
}

export function sendXml(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': 'application/xml', 'x-amz-request-id': randomUUID(), 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
