import { readdir } from 'node:fs/promises';
import type { RunSpec } from '../../../shared/contract/runs';
import { AppError } from '../../core/app-error';
import { loadManifest, newManifest, recover, saveManifest, type RunManifest } from './manifest';

/**
 * The run's manifest: a new one for a new run in a folder with no run in it, or the folder's own
 * (put back in order after a crash) for --resume of the same stream.
 */
export async function openManifest(spec: RunSpec, resume: boolean): Promise<RunManifest> {
  const existing = await loadManifest(spec.folder);
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
    if (recovered.status === 'completed') return recovered;
    const running = { ...recovered, status: 'running' as const, reason: null };
    await saveManifest(spec.folder, running);
    return running;
  }
  if (existing)
    throw new AppError(
      'conflict',
      `${spec.folder} already holds a run of ${existing.spec.stream}: carry it on with --resume, or choose another folder.`,
    );
  const strangers = (await readdir(spec.folder)).filter((name) => name.startsWith('part-') || name === 'rejects.jsonl');
  if (strangers.length)
    throw new AppError('conflict', `${spec.folder} already holds data files (${strangers[0]}…) but no run: choose an empty folder.`);
  const manifest = newManifest(spec);
  await saveManifest(spec.folder, manifest);
  return manifest;
}
