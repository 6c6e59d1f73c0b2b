import type { CopySpec } from '../../../../shared/contract/writes';
import { AppError } from '../../../core/app-error';
import { reopenForResume } from '../../engine/jobs/job-manifest';
import { loadCopyManifest, newCopyManifest, saveCopyManifest, type CopyManifest } from './copy-manifest';

export { saveCopyManifest as saveCopy };

/**
 * The copy's manifest: the folder's own for a resume (of the same source and target), or a new
 * one where the folder holds none, a finished copy, or one the user chose to start over.
 */
export async function openCopyManifest(folder: string, spec: CopySpec, resume: boolean, restart = false): Promise<CopyManifest> {
  const existing = await loadCopyManifest(folder);
  if (resume) {
    if (!existing) throw new AppError('invalid-input', `${folder} holds no copy to resume (there is no copy.json in it).`);
    if (existing.spec.source !== spec.source || existing.spec.target !== spec.target)
      throw new AppError(
        'invalid-input',
        `${folder} holds a copy of ${existing.spec.source} into ${existing.spec.target}, not of ${spec.source} into ${spec.target}.`,
      );
    return reopenForResume(existing, (running) => saveCopyManifest(folder, running));
  }
  if (existing && existing.status !== 'completed' && !restart)
    throw new AppError(
      'conflict',
      `An unfinished copy of ${existing.spec.source} into ${existing.spec.target} is kept in ${folder}.`,
      'resume-or-restart',
    );
  const manifest = newCopyManifest(spec);
  await saveCopyManifest(folder, manifest);
  return manifest;
}
