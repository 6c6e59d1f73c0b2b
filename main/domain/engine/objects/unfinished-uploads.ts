import { ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { AppError } from '../../../core/app-error';
import { formatS3Location, type S3Location } from './s3-location';

export interface UnfinishedUpload {
  /** Relative to the store's prefix. */
  key: string;
  uploadId: string;
  initiated: Date | null;
}

/** ListMultipartUploads has no paginator in the SDK: its pages are followed by key and upload-id markers. */
export async function listUnfinishedUploads(
  client: S3Client,
  location: S3Location,
  prefix: string,
  limit: number,
): Promise<UnfinishedUpload[]> {
  const found: UnfinishedUpload[] = [];
  let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
  for (;;) {
    const page = await client.send(
      new ListMultipartUploadsCommand({ Bucket: location.bucket, Prefix: location.prefix + prefix, ...markers }),
    );
    for (const upload of page.Uploads ?? [])
      found.push({ key: upload.Key!.slice(location.prefix.length), uploadId: upload.UploadId!, initiated: upload.Initiated ?? null });
    if (found.length > limit)
      throw new AppError(
        'invalid-input',
        `${formatS3Location(location, prefix)} has more than ${limit} unfinished uploads: choose a prefix of its own.`,
      );
    if (!page.IsTruncated) return found;
    // A truncated page without markers would ask for the same page forever.
    if (!page.NextKeyMarker && !page.NextUploadIdMarker) return found;
    markers = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
  }
}
