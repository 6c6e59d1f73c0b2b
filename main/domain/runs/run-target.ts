import type { AppError } from '../../core/app-error';
import type { FileOps } from '../engine/files/file-ops';
import { commitPending, type RunManifest } from './manifest';

/** A part written under its temporary (spool) name, and the key it is published under. */
export interface SpooledPart {
  temp: string;
  name: string;
}

/**
 * Where a run's output lives: every step a run takes on it, so that RunFiles and RunSession know
 * nothing of folders or buckets. A folder (FolderTarget) and an S3 prefix (S3Target) implement it.
 *
 * Exactly once rests on these guarantees, whatever the target:
 * - claim: while a run holds the claim no other run commits here (a folder lock; on S3 the
 *   manifest's ETag, checked by every saveManifest). A lost claim is reported through onLost and
 *   stops the run; what is committed stays.
 * - saveManifest: atomic and durable; it replaces only the manifest this run last loaded or
 *   saved, and fails with a conflict when another writer changed it.
 * - spoolPath: a local file a part is written and fsynced to; nothing reads it as output.
 * - publish: each spooled part becomes visible, whole, under its final name, durably, and never
 *   over an existing one (a rename in the folder; an upload with If-None-Match on S3). It is
 *   only called after the manifest lists the parts as pending.
 * - published: whether a part is whole under its final name, so recovery can settle a pending
 *   unit: committed when every part is there, rolled back (removePublished) otherwise.
 * - writeRejects: a unit's rejects, durable before the manifest that counts them is saved. A
 *   target that can append says null and bounds the file by the manifest's rejectsBytes; one that
 *   can only write whole new objects writes one object per unit and names it, for the manifest
 *   to list. Recovery drops whatever the manifest does not vouch for.
 * - recover: puts the output back to what the manifest says after a crash at any moment.
 * - removeRun: takes away what the manifest names and nothing else, the manifest last.
 */
export interface RunTarget {
  /** The output as the user named it, for messages and the summary. */
  readonly location: string;
  /** How spool files are written (tests fail one of its steps). */
  readonly fileOps: FileOps;
  /** Makes the place exist if it can; says whether it made it, so a run that fails to start can take it back. */
  prepare(): Promise<boolean>;
  claim(onLost: (lost: AppError) => void): Promise<void>;
  release(): Promise<void>;
  loadManifest(): Promise<RunManifest | null>;
  saveManifest(manifest: RunManifest): Promise<void>;
  /** Removes the manifest of a run that wrote nothing, so the place is free again. */
  dropManifest(): Promise<void>;
  /** The name of data found here with no manifest (another run's files): a new run refuses such a place. */
  foreignOutput(): Promise<string | null>;
  /** Where part `number` is written before it is published. */
  spoolPath(number: number, extension: string): string;
  publish(parts: SpooledPart[]): Promise<void>;
  published(name: string): Promise<boolean>;
  removePublished(name: string): Promise<void>;
  /** Makes a unit's rejects durable; says the name of the piece the manifest must list, or null when appended. */
  writeRejects(text: string, sequence: number): Promise<string | null>;
  recover(manifest: RunManifest): Promise<RunManifest>;
  removeRun(manifest: RunManifest): Promise<void>;
  /** Takes the place away if the run made it and left nothing in it. */
  removeIfEmpty(): Promise<void>;
  /** The same place and claim, its spool files written with other file operations (tests fail one of them). */
  writingWith(fileOps: FileOps): RunTarget;
  /** Where a local write failure (a full disk) happened, for its message. */
  readonly writePlace: string;
  /** Lets go of what the target holds open (an S3 client's sockets) once the run has ended. */
  close(): void;
}

/**
 * Settles the unit a crash left pending: when every part of it is published the unit is
 * committed; otherwise the parts that were published are taken away and the unit dropped, so
 * its records are read again on resume and none is counted twice.
 */
export async function settlePending(target: RunTarget, manifest: RunManifest): Promise<RunManifest> {
  const { pending } = manifest;
  if (!pending) return manifest;
  const present = await Promise.all(pending.files.map((part) => target.published(part.name)));
  if (present.every(Boolean)) return commitPending(manifest);
  for (const [index, part] of pending.files.entries()) if (present[index]) await target.removePublished(part.name);
  return { ...manifest, pending: null };
}
