import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { copySpecSchema, type CopySpec } from '../../../../shared/contract/writes';
import { redactSecrets } from '../../../security/redact';
import { nodeFileOps, type FileOps } from '../../engine/files/file-ops';
import { readManifestFile, saveManifestFile, shardMarkSchema } from '../../engine/jobs/job-manifest';

export const COPY_MANIFEST = 'copy.json';

export type CopyShardMark = z.infer<typeof shardMarkSchema>;

/** A source user record sent in the call whose outcome a crash may have hidden. */
const inFlightEntrySchema = z.object({
  shardId: z.string(),
  sequenceNumber: z.string(),
  subSequenceNumber: z.number().int().nullable(),
  /** The key it was written with (a random key cannot be chosen again). */
  partitionKey: z.string(),
  /** MD5 of the key and the bytes, to recognise it in the target. */
  digest: z.string(),
});
export type InFlightEntry = z.infer<typeof inFlightEntrySchema>;

/** A record a resume found listed in flight, with whether it had reached the target. */
const carriedEntrySchema = inFlightEntrySchema.extend({ written: z.boolean() });
export type CarriedEntry = z.infer<typeof carriedEntrySchema>;

const copyManifestSchema = z.object({
  kind: z.literal('shardscope-copy'),
  version: z.literal(1),
  id: z.string(),
  spec: copySpecSchema,
  createdAt: z.string(),
  startedAt: z.string(),
  /** Every source user record up to each mark is in the target. */
  shards: z.record(z.string(), shardMarkSchema),
  totals: z.object({ read: z.number().int(), written: z.number().int(), alreadyWritten: z.number().int() }),
  /** The last sequence number this copy wrote on each target shard: what is found at or before it is older than a lost call. */
  targetMarks: z.record(z.string(), z.string()).default({}),
  /**
   * Written before a chunk is sent, cleared once all of it is in: after a crash these records are
   * looked for in the target (written since `sentAt`) and only the missing ones are written.
   */
  inFlight: z
    .object({
      sentAt: z.string(),
      entries: z.array(inFlightEntrySchema),
      /** The marks once the chunk is in. */
      shards: z.record(z.string(), shardMarkSchema),
      /** The target marks when the chunk was sent. */
      targetMarks: z.record(z.string(), z.string()).default({}),
    })
    .nullable(),
  /**
   * The verdicts a resume reached on what an earlier manifest listed in flight, kept until the
   * saved marks pass each record: the resume's own chunks replace `inFlight`, and the target
   * search behind a verdict cannot be made again once the target marks moved past it.
   */
  carried: z.array(carriedEntrySchema).default([]),
  status: z.enum(['running', 'completed', 'stopped', 'failed']),
  reason: z.string().nullable(),
});
export type CopyManifest = z.infer<typeof copyManifestSchema>;

export function digestOf(partitionKey: string, data: Uint8Array): string {
  return createHash('md5').update(partitionKey, 'utf8').update('\n').update(data).digest('base64');
}

/** The folder a copy keeps its manifest in unless told otherwise: one per source, target and target connection. */
export function defaultCopyFolder(dataDir: string, spec: Pick<CopySpec, 'source' | 'target' | 'targetProfile' | 'ranges'>): string {
  const hash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 8);
  // Given records (a redrive's) are a copy of their own: resumed by giving the same ranges again.
  const ranges = spec.ranges ? `-ranges-${hash(JSON.stringify(spec.ranges))}` : '';
  const name = `${spec.source}-to-${spec.target}${spec.targetProfile ? `-${hash(spec.targetProfile)}` : ''}${ranges}`;
  return path.join(dataDir, 'copies', name);
}

export function newCopyManifest(spec: CopySpec, now = new Date()): CopyManifest {
  return {
    kind: 'shardscope-copy',
    version: 1,
    id: randomUUID(),
    spec,
    createdAt: now.toISOString(),
    startedAt: now.toISOString(),
    shards: {},
    totals: { read: 0, written: 0, alreadyWritten: 0 },
    targetMarks: {},
    inFlight: null,
    carried: [],
    status: 'running',
    reason: null,
  };
}

export function loadCopyManifest(folder: string): Promise<CopyManifest | null> {
  return readManifestFile(path.join(folder, COPY_MANIFEST), copyManifestSchema, 'copy');
}

export async function saveCopyManifest(folder: string, manifest: CopyManifest, ops: FileOps = nodeFileOps): Promise<void> {
  // The reason may quote AWS, whose errors quote the request's credentials.
  const reason = manifest.reason === null ? null : redactSecrets(manifest.reason);
  await saveManifestFile(folder, COPY_MANIFEST, `${JSON.stringify({ ...manifest, reason })}\n`, ops);
}
