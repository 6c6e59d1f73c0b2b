import type { ServerResponse } from 'node:http';
import type S3rver from 's3rver';
import { escapeXml, sendXml, type S3Request } from './s3-wire';

/**
 * ListObjectsV2, answered here rather than by s3rver: s3rver seals its continuation tokens with
 * DES, which OpenSSL 3 (Node 17 and later) no longer has, so every truncated page failed with a
 * 500. The token here is the last key in base64: opaque to clients, as S3's is.
 */
export async function listObjectsV2(server: S3rver, res: ServerResponse, request: S3Request): Promise<void> {
  const { query, bucket } = request;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const token = query.get('continuation-token');
  const startAfter = token ? Buffer.from(token, 'base64').toString('utf8') : (query.get('start-after') ?? '');
  const maxKeys = Math.min(Math.max(Number(query.get('max-keys') ?? 1000) || 0, 0), 1000);
  const result =
    maxKeys === 0
      ? { objects: [], commonPrefixes: [], isTruncated: false }
      : await server.store.listObjects(bucket, { prefix, delimiter, startAfter, maxKeys });
  const last = result.objects.at(-1)?.key;
  const next = result.isTruncated && last !== undefined ? Buffer.from(last, 'utf8').toString('base64') : null;
  const element = (name: string, value: string | number | boolean) => `<${name}>${escapeXml(String(value))}</${name}>`;
  const contents = result.objects
    .map(
      (object) =>
        `<Contents>${element('Key', object.key)}${element('LastModified', object.lastModifiedDate.toISOString())}${element('ETag', object.metadata.etag)}${element('Size', object.size)}<StorageClass>STANDARD</StorageClass></Contents>`,
    )
    .join('');
  const prefixes = result.commonPrefixes.map((common) => `<CommonPrefixes>${element('Prefix', common)}</CommonPrefixes>`).join('');
  sendXml(
    res,
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      element('Name', bucket) +
      element('Prefix', prefix) +
      (token ? element('ContinuationToken', token) : startAfter ? element('StartAfter', startAfter) : '') +
      (next ? element('NextContinuationToken', next) : '') +
      element('KeyCount', result.objects.length + result.commonPrefixes.length) +
      element('MaxKeys', maxKeys) +
      (delimiter ? element('Delimiter', delimiter) : '') +
      element('IsTruncated', Boolean(next)) +
      contents +
      prefixes +
      '</ListBucketResult>',
  );
}
