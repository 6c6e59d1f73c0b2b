import type { S3Client } from '@aws-sdk/client-s3';
import type { ActiveConnection } from '../../../shared/contract';
import { isS3Target, type RunSpec } from '../../../shared/contract/runs';
import { createS3Client } from '../../aws/clients';
import { ReadOnlyConnectionError } from '../../aws/read-only';
import { AppError } from '../../core/app-error';
import { describeTarget, endpointOf, type ConnectionTarget } from '../connections/target';
import { ObjectStore } from '../engine/objects/object-store';
import { formatS3Location, parseS3Location } from '../engine/objects/s3-location';
import { FolderTarget } from './folder-target';
import type { RunTarget } from './run-target';
import { RunSpool } from './run-spool';
import { S3Target } from './s3-target';

/** What a run needs to write somewhere other than a local folder. */
export interface RunPlaces {
  /** The app's data folder: a run into S3 spools its parts under it. */
  dataDir: string;
  /** The connection the run writes with: a read-only one writes to no bucket. */
  connection: Pick<ActiveConnection, 'label' | 'readOnly'>;
  /** The S3 client of that connection, made only for a run into S3. */
  s3Client(): Promise<S3Client>;
}

/** The S3 client of a connection: its S3 endpoint (the sandbox's local S3), its credentials, and its read-only guard. */
export function s3ClientFor(target: ConnectionTarget): Promise<S3Client> {
  const { label } = describeTarget(target);
  const now = () => target.kind !== 'sandbox' && (target.readOnlyNow?.() ?? Boolean(target.readOnly));
  return createS3Client({
    ...endpointOf(target),
    endpoint: target.s3Endpoint ?? null,
    readOnly: target.kind === 'sandbox' ? null : { connection: label, now },
  });
}

/**
 * The options only an S3 prefix takes, refused elsewhere so that a run never seems encrypted or
 * tiered when it is not; and a KMS key only with SSE-KMS, which is the one that uses it.
 */
export function checkTargetOptions(spec: Pick<RunSpec, 'folder' | 'sse' | 'kmsKeyId' | 'storageClass'>): void {
  if (!isS3Target(spec.folder)) {
    const given = [spec.sse && 'server-side encryption', spec.kmsKeyId && 'a KMS key', spec.storageClass && 'a storage class'].filter(
      Boolean,
    );
    if (given.length)
      throw new AppError(
        'invalid-input',
        `${given.join(' and ')} ${given.length === 1 ? 'applies' : 'apply'} only to a run into an S3 prefix; ${spec.folder} is a local folder.`,
      );
  }
  if (spec.kmsKeyId && spec.sse !== 'aws:kms')
    throw new AppError('invalid-input', 'A KMS key is used only with aws:kms server-side encryption; ask for that encryption too.');
}

/**
 * Where a run writes, chosen by its spec's location: a folder, or an S3 prefix. The one place
 * either is made, so every run and every check of a run's place goes the same way.
 */
export async function openRunTarget(spec: RunSpec, places?: RunPlaces): Promise<RunTarget> {
  checkTargetOptions(spec);
  if (!isS3Target(spec.folder)) return new FolderTarget(spec.folder);
  const location = parseS3Location(spec.folder);
  if (!places) throw new AppError('unavailable', `${spec.folder} is an S3 prefix, and this caller cannot write to S3.`);
  // Said before anything is made or written, in the words every other refused write uses.
  if (places.connection.readOnly) throw new ReadOnlyConnectionError(places.connection.label, 'PutObject', formatS3Location(location));
  const client = await places.s3Client();
  const spool = new RunSpool(places.dataDir, formatS3Location(location));
  return new S3Target(new ObjectStore(client, location), spool, spec, undefined, () => client.destroy());
}
