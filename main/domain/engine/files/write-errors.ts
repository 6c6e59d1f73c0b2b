import { AppError } from '../../../core/app-error';
import { describeFileError } from '../../../core/file-error';

/** A failed write to a run's or a copy's folder, said so that the user knows what is kept and what to do. */
export function describeWriteError(error: unknown, folder: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOSPC':
      return `The disk holding ${folder} is full. What is complete is kept; free some space and carry on with the same run.`;
    case 'EACCES':
    case 'EPERM':
      return `Shardscope may not write to ${folder}. What is complete is kept; fix the permissions and carry on with the same run.`;
    case 'EROFS':
      return `${folder} is on a read-only file system.`;
    default:
      return `Writing to ${folder} failed: ${describeFileError(error) ?? (error instanceof Error ? error.message : String(error))}`;
  }
}

/** The same, as an error that crosses a transport with its message intact, and its remedy where the same run can carry on. */
export function writeFailure(error: unknown, folder: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const resumable = code === 'ENOSPC' || code === 'EACCES' || code === 'EPERM';
  return new AppError('unavailable', describeWriteError(error, folder), resumable ? 'resume' : undefined);
}
