import { mkdir, open, readdir, rm, rmdir, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { isS3Target } from '../../../shared/contract/runs';
import { AppError } from '../../core/app-error';
import { ensureFolder } from '../engine/files/ensure-folder';
import { nodeFileOps, type FileOps } from '../engine/files/file-ops';
import { lockFolder } from '../engine/files/folder-lock';
import { loadManifest, MANIFEST, REJECTS, saveManifest, TEMP_PREFIX, type RunManifest } from './manifest';
import { settlePending, type RunTarget, type SpooledPart } from './run-target';

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * A name from run.json, which may be crafted: only a relative path of plain segments (a part,
 * or a part inside its partition folders) is ever touched, so nothing outside the folder is.
 */
function insideName(name: string): boolean {
  const segments = name.split('/');
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !segment.includes('\\'));
}

/**
 * A run's output in a local folder: parts are written beside their final name as `.part-N`,
 * renamed into place (the folder synced), rejects appended to one rejects.jsonl, and the folder
 * locked while the run lives.
 */
export class FolderTarget implements RunTarget {
  private unlock: (() => Promise<void>) | null = null;

  constructor(
    readonly location: string,
    readonly fileOps: FileOps = nodeFileOps,
  ) {
    // The contract takes S3 prefixes too: one must never be taken for a relative folder named "s3:".
    if (isS3Target(location)) throw new AppError('internal', `${location} is an S3 prefix, not a folder.`);
  }

  writingWith(fileOps: FileOps): RunTarget {
    return new FolderTarget(this.location, fileOps);
  }

  get writePlace(): string {
    return this.location;
  }

  close(): void {}

  prepare(): Promise<boolean> {
    return ensureFolder(this.location);
  }

  async claim(onLost: (lost: AppError) => void): Promise<void> {
    this.unlock = await lockFolder(this.location, onLost);
  }

  async release(): Promise<void> {
    const unlock = this.unlock;
    this.unlock = null;
    await unlock?.();
  }

  loadManifest(): Promise<RunManifest | null> {
    return loadManifest(this.location);
  }

  saveManifest(manifest: RunManifest): Promise<void> {
    return saveManifest(this.location, manifest, this.fileOps);
  }

  async dropManifest(): Promise<void> {
    await rm(path.join(this.location, MANIFEST), { force: true });
    await nodeFileOps.syncFolder(this.location);
  }

  async foreignOutput(): Promise<string | null> {
    const entries = await readdir(this.location, { withFileTypes: true });
    // A partitioned run's output starts with its `name=value` folders.
    const found = entries.find(
      (entry) => entry.name.startsWith('part-') || entry.name === REJECTS || (entry.isDirectory() && /^[^.][^=]*=/.test(entry.name)),
    );
    return found?.name ?? null;
  }

  spoolPath(number: number, extension: string): string {
    return path.join(this.location, `${TEMP_PREFIX}${String(number).padStart(5, '0')}.${extension}`);
  }

  async publish(parts: SpooledPart[]): Promise<void> {
    const folders = new Set<string>();
    for (const part of parts) {
      const to = path.join(this.location, part.name);
      const folder = path.dirname(to);
      if (folder !== this.location && !folders.has(folder)) await this.makeFolders(folder);
      await this.fileOps.rename(path.join(this.location, part.temp), to);
      folders.add(folder);
    }
    // The renames are durable once each folder they landed in is synced.
    for (const folder of folders) await this.fileOps.syncFolder(folder);
  }

  /** Partition folders, each new one synced into its parent so it survives a power cut with the part in it. */
  private async makeFolders(folder: string): Promise<void> {
    const missing: string[] = [];
    for (let at = folder; at !== this.location && !(await exists(at)); at = path.dirname(at)) missing.unshift(at);
    for (const at of missing) {
      await mkdir(at).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      await this.fileOps.syncFolder(path.dirname(at));
    }
  }

  published(name: string): Promise<boolean> {
    return insideName(name) ? exists(path.join(this.location, name)) : Promise.resolve(false);
  }

  async removePublished(name: string): Promise<void> {
    if (!insideName(name)) return;
    await rm(path.join(this.location, name), { force: true });
    await nodeFileOps.syncFolder(path.dirname(path.join(this.location, name)));
  }

  async writeRejects(text: string): Promise<null> {
    await this.fileOps.appendSynced(path.join(this.location, REJECTS), text);
    return null;
  }

  /**
   * After a crash at any moment: the pending unit is settled, half-written parts are removed, and
   * the rejects appended after the last complete unit are cut.
   */
  async recover(manifest: RunManifest): Promise<RunManifest> {
    let recovered = await settlePending(this, manifest);
    for (const name of await readdir(this.location)) {
      if (name.startsWith(TEMP_PREFIX)) await rm(path.join(this.location, name), { force: true });
    }
    recovered = await repairRejects(this.location, recovered);
    if (recovered !== manifest) await saveManifest(this.location, recovered);
    return recovered;
  }

  /**
   * Takes away what a run wrote, and only that: its complete files, the files it was writing, its
   * rejects, the partition folders it leaves empty, and its run.json (last, so a crash midway
   * leaves a run that still names what is left). Anything else in the folder stays.
   */
  async removeRun(manifest: RunManifest): Promise<void> {
    const names = [...manifest.files.map((file) => file.name), ...(manifest.pending?.files.map((file) => file.name) ?? []), REJECTS];
    for (const name of await readdir(this.location)) if (name.startsWith(TEMP_PREFIX)) names.push(name);
    const folders = new Set<string>();
    for (const name of names.filter(insideName)) {
      await rm(path.join(this.location, name), { force: true });
      for (let at = path.dirname(name); at !== '.'; at = path.dirname(at)) folders.add(at);
    }
    // Deepest first, so a parent is empty by the time it is tried.
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) await removeEmpty(path.join(this.location, folder));
    await rm(path.join(this.location, MANIFEST), { force: true });
    await nodeFileOps.syncFolder(this.location);
  }

  removeIfEmpty(): Promise<void> {
    return removeEmpty(this.location);
  }
}

async function removeEmpty(folder: string): Promise<void> {
  await rmdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST' && error.code !== 'ENOENT') throw error;
  });
}

/** The folder form of recovery, for callers that hold a folder rather than a target. */
export function recover(folder: string, manifest: RunManifest): Promise<RunManifest> {
  return new FolderTarget(folder).recover(manifest);
}

/**
 * Cuts rejects.jsonl back to the whole lines within the length the manifest vouches for: what
 * was appended after the last complete file goes (its records are read again), and a file found
 * shorter (copied mid-run, or written by a version that did not flush it) keeps its whole lines
 * and is never padded. The manifest's totals are set to what the file then holds.
 */
async function repairRejects(folder: string, manifest: RunManifest): Promise<RunManifest> {
  const file = path.join(folder, REJECTS);
  const { rejects, rejectsBytes, seen } = manifest.totals;
  let kept = { lines: 0, bytes: 0 };
  if (await exists(file)) {
    kept = await wholeLinesWithin(file, rejectsBytes);
    await truncate(file, kept.bytes);
  }
  if (kept.lines === rejects && kept.bytes === rejectsBytes) return manifest;
  const totals = { ...manifest.totals, rejects: kept.lines, rejectsBytes: kept.bytes, seen: seen - (rejects - kept.lines) };
  return { ...manifest, totals };
}

/** The number of whole lines in the first `limit` bytes of a file, and where the last of them ends. */
async function wholeLinesWithin(file: string, limit: number): Promise<{ lines: number; bytes: number }> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    let lines = 0;
    let bytes = 0;
    for (let offset = 0; offset < limit;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, limit - offset), offset);
      if (bytesRead === 0) break;
      for (let at = buffer.indexOf(10); at !== -1 && at < bytesRead; at = buffer.indexOf(10, at + 1)) {
        lines++;
        bytes = offset + at + 1;
      }
      offset += bytesRead;
    }
    return { lines, bytes };
  } finally {
    await handle.close();
  }
}
