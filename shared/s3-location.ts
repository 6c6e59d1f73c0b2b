/** A bucket and a key prefix, as `s3://bucket/prefix/` names them. */
export interface S3Location {
  bucket: string;
  /** Empty for the whole bucket, else ends with `/`: a run's objects sit below it as in a folder. */
  prefix: string;
}

export const S3_LOCATION_EXAMPLE = 's3://my-bucket/runs/orders/';

/**
 * The general-purpose bucket naming rules S3 enforces: checked here so a typo is named at once,
 * not answered by a signature or DNS error from far away.
 */
export function bucketNameProblem(bucket: string): string | null {
  if (bucket.length < 3 || bucket.length > 63) return 'a bucket name is 3 to 63 characters long';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket))
    return 'a bucket name has lower-case letters, digits, dots and hyphens, and starts and ends with a letter or digit';
  if (bucket.includes('..')) return 'a bucket name has no two dots in a row';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return 'a bucket name is not an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(bucket) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(bucket))
    return 'that bucket name uses a prefix or suffix S3 reserves';
  return null;
}

/** S3 caps a key at 1,024 bytes; a prefix leaves room for the names below it. */
export const MAX_PREFIX_BYTES = 900;

/**
 * Reads `s3://bucket[/prefix]` (the prefix gets a trailing `/`, so `runs` and `runs/` name the same
 * place), or says why it is not one. Shared so the Runs form checks as the user types with the
 * rules main applies.
 */
export function readS3Location(text: string): { location: S3Location } | { problem: string } {
  const trimmed = text.trim();
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/is.exec(trimmed);
  if (!match) return { problem: 'it starts with s3://' };
  const bucket = match[1]!;
  if (!bucket) return { problem: 'it names no bucket' };
  const problem = bucketNameProblem(bucket);
  if (problem) return { problem };
  const path = match[2] ?? '';
  if ([...path].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return { problem: 'its prefix has control characters' };
  if (path.split('/').some((segment, index, all) => segment === '..' || segment === '.' || (segment === '' && index < all.length - 1)))
    return { problem: 'its prefix has an empty, "." or ".." segment' };
  if (/[?#]/.test(path)) return { problem: 'its prefix has "?" or "#", which is a URL query, not a key' };
  const prefix = path === '' || path.endsWith('/') ? path : `${path}/`;
  // TextEncoder, not Buffer: the renderer has no Node.
  if (new TextEncoder().encode(prefix).length > MAX_PREFIX_BYTES) return { problem: `its prefix is longer than ${MAX_PREFIX_BYTES} bytes` };
  return { location: { bucket, prefix } };
}

/** The sentence a refusal carries, the same in every host. */
export function s3LocationRefusal(text: string, problem: string): string {
  return `${JSON.stringify(text)} is not an S3 location: ${problem} (e.g. ${S3_LOCATION_EXAMPLE}).`;
}

/** The location back as the user writes it. */
export function formatS3Location(location: S3Location, key = ''): string {
  return `s3://${location.bucket}/${location.prefix}${key}`;
}
