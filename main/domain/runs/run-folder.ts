import type { RunSpec } from '../../../shared/contract/runs';
import { AppError } from '../../core/app-error';
import { reopenForResume } from '../engine/jobs/job-manifest';
import { newManifest, type RunManifest } from './manifest';
import type { RunTarget } from './run-target';

/**
 * The run's manifest: a new one for a new run in a place with no run in it, or the place's own
 * (put back in order after a crash) for --resume of the same stream. Called with the target claimed.
 */
export async function openManifest(target: RunTarget, spec: RunSpec, resume: boolean, restart = false): Promise<RunManifest> {
  const where = target.location;
  let existing = await target.loadManifest();
  if (restart) {
    if (!existing) throw new AppError('invalid-input', `${where} holds no run to start over (there is no run.json in it).`);
    await target.removeRun(existing);
    existing = null;
  }
  if (resume) {
    if (!existing) throw new AppError('invalid-input', `${where} holds no run to resume (there is no run.json in it).`);
    if (existing.spec.stream !== spec.stream) {
      throw new AppError(
        'invalid-input',
        `${where} holds a run of stream ${existing.spec.stream}, not ${spec.stream}: resume it with that stream, or choose another folder.`,
      );
    }
    // The place named is where the run goes on, wherever run.json says it was made: a folder
    // copied elsewhere resumes in place, and a crafted run.json cannot send writes elsewhere.
    const recovered = { ...(await target.recover(existing)), spec: { ...existing.spec, folder: spec.folder } };
    return reopenForResume(recovered, (running) => target.saveManifest(running));
  }
  if (existing) throw new AppError('conflict', `${where} already holds a run of ${existing.spec.stream}.`, 'resume-or-elsewhere');
  const stranger = await target.foreignOutput();
  if (stranger) throw new AppError('conflict', `${where} already holds data files (${stranger}…) but no run: choose an empty folder.`);
  const manifest = newManifest(spec);
  await target.saveManifest(manifest);
  return manifest;
}

/** True when a run has put nothing in its place: no complete file, no reject, no mark on any shard. */
export function wroteNothing(manifest: RunManifest): boolean {
  return (
    manifest.files.length === 0 &&
    manifest.pending === null &&
    manifest.totals.rejects === 0 &&
    Object.values(manifest.shards).every((mark) => mark.sequenceNumber === null && mark.state === 'reading')
  );
}

/**
 * Takes a failed run's run.json away when the run wrote nothing, so a mistyped stream or an
 * option the runtime lacks does not keep the place from the corrected command. Called while the
 * target is still claimed; says whether the claim was dropped.
 */
export async function dropEmptyRun(target: RunTarget): Promise<boolean> {
  const manifest = await target.loadManifest();
  if (!manifest || !wroteNothing(manifest)) return false;
  await target.dropManifest();
  return true;
}
