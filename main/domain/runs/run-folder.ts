import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { RunSpec } from '../../../shared/contract/runs';
import { AppError } from '../../core/app-error';
import { reopenForResume } from '../engine/jobs/job-manifest';
import { loadManifest, MANIFEST, newManifest, recover, REJECTS, saveManifest, syncFolder, TEMP_PREFIX, type RunManifest } from './manifest';

/**
 * The run's manifest: a new one for a new run in a folder with no run in it, or the folder's own
 * (put back in order after a crash) for --resume of the same stream.
 */
export async function openManifest(spec: RunSpec, resume: boolean, restart = false): Promise<RunManifest> {
  let existing = await loadManifest(spec.folder);
  if (restart) {
    if (!existing) throw new AppError('invalid-input', `${spec.folder} holds no run to start over (there is no run.json in it).`);
    await removeRunFiles(spec.folder, existing);
    existing = null;
  }
  if (resume) {
    if (!existing) throw new AppError('invalid-input', `${spec.folder} holds no run to resume (there is no run.json in it).`);
    if (existing.spec.stream !== spec.stream) {
      throw new AppError(
        'invalid-input',
        `${spec.folder} holds a run of stream ${existing.spec.stream}, not ${spec.stream}: resume it with that stream, or choose another folder.`,
      );
    }
    // The folder named is where the run goes on, wherever run.json says it was made: a folder
    // copied elsewhere resumes in place, and a crafted run.json cannot send writes elsewhere.
    const recovered = { ...(await recover(spec.folder, existing)), spec: { ...existing.spec, folder: spec.folder } };
    return reopenForResume(recovered, (running) => saveManifest(spec.folder, running));
  }
  if (existing) throw new AppError('conflict', `${spec.folder} already holds a run of ${existing.spec.stream}.`, 'resume-or-elsewhere');
  const strangers = (await readdir(spec.folder)).filter((name) => name.startsWith('part-') || name === 'rejects.jsonl');
  if (strangers.length)
    throw new AppError('conflict', `${spec.folder} already holds data files (${strangers[0]}…) but no run: choose an empty folder.`);
  const manifest = newManifest(spec);
  await saveManifest(spec.folder, manifest);
  return manifest;
}

/**
 * Takes away what a run wrote, and only that: its complete files, the file it was writing, its
 * rejects and its run.json (last, so a crash midway leaves a run that still names what is left).
 * Anything else in the folder stays. Called with the folder locked.
 */
export async function removeRunFiles(folder: string, manifest: RunManifest): Promise<void> {
  const names = [...manifest.files.map((file) => file.name), ...(manifest.pending ? [manifest.pending.name] : []), REJECTS];
  for (const name of await readdir(folder)) if (name.startsWith(TEMP_PREFIX)) names.push(name);
  // Names come from run.json, which may be crafted: only plain names inside the folder are removed.
  for (const name of names) if (path.basename(name) === name) await rm(path.join(folder, name), { force: true });
  await rm(path.join(folder, MANIFEST), { force: true });
  await syncFolder(folder);
}

/** True when a run has put nothing in its folder: no complete file, no reject, no mark on any shard. */
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
 * option the runtime lacks does not keep the folder from the corrected command. Called while the
 * folder is still locked; says whether the claim was dropped.
 */
export async function dropEmptyRun(folder: string): Promise<boolean> {
  const manifest = await loadManifest(folder);
  if (!manifest || !wroteNothing(manifest)) return false;
  await rm(path.join(folder, MANIFEST), { force: true });
  await syncFolder(folder);
  return true;
}

/** Removes a folder the run made, if nothing is left in it; a folder with anything in it stays. */
export async function removeIfEmpty(folder: string): Promise<void> {
  await rmdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST' && error.code !== 'ENOENT') throw error;
  });
}
