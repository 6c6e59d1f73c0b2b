import { randomUUID } from 'node:crypto';
import { open, readdir, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { runSpecSchema, type RunSpec } from '../../../shared/contract/runs';
import { nodeFileOps, type FileOps } from '../engine/files/file-ops';
import { readManifestFile, saveManifestFile, shardMarkSchema } from '../engine/jobs/job-manifest';

export const MANIFEST = 'run.json';
export const REJECTS = 'rejects.jsonl';
/** Files being written start with a dot and are renamed when complete. */
export const TEMP_PREFIX = '.part-';

const totalsSchema = z.object({
  records: z.number().int(),
  bytes: z.number().int(),
  rejects: z.number().int(),
  /** The length of rejects.jsonl that belongs to complete files; anything after it is cut on resume. */
  rejectsBytes: z.number().int(),
  /** User records read (written and rejected), for a --max-rejects share. */
  seen: z.number().int(),
});

const manifestSchema = z.object({
  kind: z.literal('shardscope-run'),
  version: z.literal(1),
  id: z.string(),
  spec: runSpecSchema,
  createdAt: z.string(),
  /** The moment the run first started: a LATEST start resumes from it, so nothing that arrived meanwhile is missed. */
  startedAt: z.string(),
  shards: z.record(z.string(), shardMarkSchema),
  files: z.array(z.object({ name: z.string(), records: z.number().int(), bytes: z.number().int() })),
  nextPart: z.number().int(),
  totals: totalsSchema,
  /** A file fsynced under its temporary name whose rename may or may not have happened. */
  pending: z
    .object({
      temp: z.string(),
      name: z.string(),
      records: z.number().int(),
      bytes: z.number().int(),
      shards: z.record(z.string(), shardMarkSchema),
      totals: totalsSchema,
    })
    .nullable(),
  status: z.enum(['running', 'completed', 'stopped', 'failed']),
  reason: z.string().nullable(),
  /**
   * How Parquet writes objects and arrays: `columns` (STRUCT and LIST where the shape holds) for
   * runs made since; a run.json without it was made when they were JSON, and its run stays so,
   * so that every file of one run has the same column types.
   */
  parquetNested: z.enum(['json', 'columns']).default('json'),
  /**
   * Where the columns of schema-encoded records come from: `writer`, their writer's schema, in
   * runs made since; a run.json without it was made when they were inferred, and its run stays so.
   */
  schemaColumns: z.enum(['inferred', 'writer']).default('inferred'),
});
export type RunManifest = z.infer<typeof manifestSchema>;

export function newManifest(spec: RunSpec, now = new Date()): RunManifest {
  return {
    kind: 'shardscope-run',
    version: 1,
    id: randomUUID(),
    spec,
    createdAt: now.toISOString(),
    startedAt: now.toISOString(),
    shards: {},
    files: [],
    nextPart: 0,
    totals: { records: 0, bytes: 0, rejects: 0, rejectsBytes: 0, seen: 0 },
    pending: null,
    status: 'running',
    reason: null,
    parquetNested: 'columns',
    schemaColumns: 'writer',
  };
}

export function loadManifest(folder: string): Promise<RunManifest | null> {
  return readManifestFile(path.join(folder, MANIFEST), manifestSchema, 'run');
}

export function saveManifest(folder: string, manifest: RunManifest, ops: FileOps = nodeFileOps): Promise<void> {
  return saveManifestFile(folder, MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`, ops);
}

export function syncFolder(folder: string): Promise<void> {
  return nodeFileOps.syncFolder(folder);
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * Puts a folder back in the state its manifest describes after a crash at any moment: a file
 * whose rename happened is committed, one whose rename did not is dropped, half-written files
 * and the rejects written after the last complete file are removed.
 */
export async function recover(folder: string, manifest: RunManifest): Promise<RunManifest> {
  let recovered = manifest;
  if (manifest.pending) {
    const { pending } = manifest;
    recovered = (await exists(path.join(folder, pending.name))) ? commitPending(manifest) : { ...manifest, pending: null };
  }
  for (const name of await readdir(folder)) {
    if (name.startsWith(TEMP_PREFIX)) await rm(path.join(folder, name), { force: true });
  }
  recovered = await repairRejects(folder, recovered);
  if (recovered !== manifest) await saveManifest(folder, recovered);
  return recovered;
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

/** The pending file is in place under its final name: its positions become the run's. */
export function commitPending(manifest: RunManifest): RunManifest {
  const pending = manifest.pending!;
  return {
    ...manifest,
    shards: pending.shards,
    totals: pending.totals,
    files: [...manifest.files, { name: pending.name, records: pending.records, bytes: pending.bytes }],
    nextPart: manifest.nextPart + 1,
    pending: null,
  };
}
