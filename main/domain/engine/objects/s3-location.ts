import { AppError } from '../../../core/app-error';
import { readS3Location, s3LocationRefusal, type S3Location } from '../../../../shared/s3-location';

// The rules live in shared/ so the renderer checks a prefix as it is typed with the same ones.
export { bucketNameProblem, formatS3Location, type S3Location } from '../../../../shared/s3-location';

/** Parses `s3://bucket[/prefix]`; the prefix gets a trailing `/`, so `runs` and `runs/` name the same place. */
export function parseS3Location(text: string): S3Location {
  const read = readS3Location(text);
  if ('problem' in read) throw new AppError('invalid-input', s3LocationRefusal(text, read.problem));
  return read.location;
}
