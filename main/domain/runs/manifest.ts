import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { runSpecSchema, type RunSpec } from '../../../shared/contract/runs';
import { AppError } from '../../core/app-error';
import { nodeFileOps, type FileOps } from '../engine/files/file-ops';
import { readManifestFile, saveManifestFile, shardMarkSchema } from '../engine/jobs/job-manifest';
import { recordKinds } from '../engine/decode/record-kind';

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

const partSchema = z.object({ temp: z.string(), name: z.string(), records: z.number().int(), bytes: z.number().int() });

const pendingUnit = z.object({
  /** One part per partition the unit's records fell into (one when the run is not partitioned). */
  files: z.array(partSchema).min(1),
  shards: z.record(z.string(), shardMarkSchema),
  totals: totalsSchema,
  rejectFiles: z.array(z.string()).optional(),
});

/** A run.json from before units could hold several parts names its one part at the top of `pending`. */
const pendingSchema = z.preprocess((raw) => {
  if (typeof raw !== 'object' || raw === null || 'files' in raw || !('temp' in raw)) return raw;
  const { temp, name, records, bytes, ...rest } = raw as Record<string, unknown>;
  return { ...rest, files: [{ temp, name, records, bytes }] };
}, pendingUnit);

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
  /** The unit being committed: its parts are fsynced under their temporary names, and may or may not be published. */
  pending: pendingSchema.nullable(),
  /**
   * The rejects pieces the complete units vouch for, on a target that cannot append (one per
   * unit). Absent where rejects are appended to one rejects.jsonl, bounded by totals.rejectsBytes.
   */
  rejectFiles: z.array(z.string()).optional(),
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
  /**
   * What the records read were on the wire (JSON, compressed, Avro through a registry…), so that
   * an engine taking over knows how to read the stream. Absent in a run.json from before.
   */
  recordKinds: z.array(z.enum(recordKinds)).optional(),
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
    recordKinds: [],
  };
}

export function loadManifest(folder: string): Promise<RunManifest | null> {
  return readManifestFile(path.join(folder, MANIFEST), manifestSchema, 'run');
}

/** A run.json read from elsewhere (an S3 object): checked as the folder's is. */
export function parseManifest(text: string, where: string): RunManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('invalid-input', `${where} is not valid JSON: it is not a Shardscope run, or it was damaged.`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid-input', `${where} is not a Shardscope run manifest (${issue?.path.join('.')}: ${issue?.message}).`);
  }
  return parsed.data;
}

export function manifestText(manifest: RunManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function saveManifest(folder: string, manifest: RunManifest, ops: FileOps = nodeFileOps): Promise<void> {
  return saveManifestFile(folder, MANIFEST, manifestText(manifest), ops);
}

/** Every part of the pending unit is in place under its final name: its positions become the run's. */
export function commitPending(manifest: RunManifest): RunManifest {
  const { files, shards, totals, rejectFiles } = manifest.pending!;
  return {
    ...manifest,
    shards,
    totals,
    files: [...manifest.files, ...files.map(({ name, records, bytes }) => ({ name, records, bytes }))],
    nextPart: manifest.nextPart + files.length,
    pending: null,
    ...(rejectFiles ? { rejectFiles } : {}),
  };
}
