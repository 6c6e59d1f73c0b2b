import { isAbsoluteFolder, isS3Target, type RunSpecInput } from '../../shared/contract';
import { readS3Location, s3LocationRefusal } from '../../shared/s3-location';

export type SseChoice = 'none' | 'AES256' | 'aws:kms';
export type StorageClassChoice = 'default' | NonNullable<RunSpecInput['storageClass']>;

/** What the form asks of an S3 output; ignored for a folder. */
export interface S3Choices {
  sse: SseChoice;
  kmsKeyId: string;
  storageClass: StorageClassChoice;
}

export type OutputKind = 'empty' | 'folder' | 's3';

export function outputKind(output: string): OutputKind {
  if (!output.trim()) return 'empty';
  return isS3Target(output) ? 's3' : 'folder';
}

/** What is wrong with the output as typed, by the rules main applies, or null. */
export function outputProblem(output: string): string | null {
  const kind = outputKind(output);
  if (kind === 'empty') return null;
  if (kind === 's3') {
    const read = readS3Location(output);
    return 'problem' in read ? s3LocationRefusal(output.trim(), read.problem) : null;
  }
  return isAbsoluteFolder(output.trim())
    ? null
    : 'A folder is a full path, e.g. /home/me/exports/orders, or give an S3 prefix, s3://bucket/prefix/.';
}

/** The spec's S3 fields: only for an S3 prefix, so a folder run's run.json carries none; a KMS key only with aws:kms. */
export function s3Options(v: S3Choices & { folder: string }): Partial<RunSpecInput> {
  if (outputKind(v.folder) !== 's3') return {};
  return {
    ...(v.sse !== 'none' ? { sse: v.sse } : {}),
    ...(v.sse === 'aws:kms' && v.kmsKeyId.trim() ? { kmsKeyId: v.kmsKeyId.trim() } : {}),
    ...(v.storageClass !== 'default' ? { storageClass: v.storageClass } : {}),
  };
}
