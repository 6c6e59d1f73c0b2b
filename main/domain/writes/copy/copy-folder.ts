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
    // Records written with one map and the rest with another would be neither: the user chooses.
    if ((existing.spec.map ?? null) !== (spec.map ?? null))
      throw new AppError(
        'invalid-input',
        `${folder} holds a copy made ${existing.spec.map ? `with the map ${existing.spec.map}` : 'without a map'}: resume it as it was, or start over.`,
        'resume-or-restart',
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
