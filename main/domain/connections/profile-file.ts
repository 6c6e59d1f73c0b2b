import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { withDataFileLock } from '../engine/files/data-file-lock';
import { z } from 'zod';
import { credentialSourceSchema, readBudgetSettingSchema, schemaRegistryAuthSchema } from '../../../shared/contract';
import { writeFileAtomic } from '../engine/files/atomic-file';

/** What profiles.json holds: names, regions, endpoints, key IDs. Never a secret. */
const storedProfileSchema = z.object({
  name: z.string().min(1).max(256),
  region: z.string().min(1).max(64),
  // Checked when the connection is opened, so one bad endpoint is reported and the rest still load.
  endpoint: z.string().max(4_096).nullable(),
  source: credentialSourceSchema,
  readBudget: readBudgetSettingSchema.nullable().optional(),
  readOnly: z.boolean().optional(),
  dynamodbEndpoint: z.string().max(4_096).nullable().optional(),
  glueEndpoint: z.string().max(4_096).nullable().optional(),
  s3Endpoint: z.string().max(4_096).nullable().optional(),
  // The URL and how to sign in; the password or token is in the keychain under the profile's name.
  schemaRegistry: z
    .object({ url: z.string().max(4_096), auth: schemaRegistryAuthSchema })
    .nullable()
    .optional(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

const profileFileSchema = z.object({
  version: z.literal(1),
  /** The profile to open on; null for the built-in sandbox. */
  active: z.string().nullable(),
  profiles: z.array(storedProfileSchema),
  /**
   * Keychain entries a change was adding, moving or removing. Written before the keychain is
   * touched and cleared after: at startup, each one no access-key profile refers to is deleted,
   * so a crash between the keychain and this file leaves no secret behind that nothing names.
   */
  pendingSecrets: z.array(z.string().max(256)).default([]),
});
export type ProfileFile = z.infer<typeof profileFileSchema>;

export const EMPTY_PROFILE_FILE: ProfileFile = { version: 1, active: null, profiles: [], pendingSecrets: [] };

export interface LoadedProfiles {
  file: ProfileFile;
  /** Said to the user: e.g. the file was unreadable and where it was moved. */
  problems: string[];
}

export function profileFilePath(dataDir: string): string {
  return path.join(dataDir, 'profiles.json');
}

/**
 * Reads and validates profiles.json. A file that cannot be used is moved aside, not
 * overwritten, so whatever it held can still be recovered by hand.
 */
export async function loadProfileFile(dataDir: string, now = new Date()): Promise<LoadedProfiles> {
  const file = profileFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: structuredClone(EMPTY_PROFILE_FILE), problems: [] };
    throw error;
  }
  let reason: string;
  try {
    const parsed = profileFileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { file: parsed.data, problems: [] };
    reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  } catch (error) {
    reason = `not valid JSON (${(error as Error).message})`;
  }
  const aside = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  return {
    file: structuredClone(EMPTY_PROFILE_FILE),
    problems: [`Saved connections could not be read (${reason}). The file was moved to ${aside}; Shardscope started with none.`],
  };
}

export async function saveProfileFile(dataDir: string, content: ProfileFile): Promise<void> {
  await writeFileAtomic(profileFilePath(dataDir), `${JSON.stringify(profileFileSchema.parse(content), null, 2)}\n`);
}

/** Temporary files older than this were left by a writer that died mid-write. */
const STALE_TEMPORARY_MS = 60_000;

/**
 * Runs one change to profiles.json under a lock the app, the CLI and the browser host all take,
 * on the file as it is now on disk (another process may have changed it since this one read it).
 * `change` returns the new content, or null to leave the file as it is.
 */
export async function changeProfileFile(
  dataDir: string,
  change: (current: ProfileFile) => Promise<ProfileFile | null>,
): Promise<ProfileFile> {
  const file = profileFilePath(dataDir);
  return withDataFileLock(file, async () => {
    await removeStaleTemporaries(file);
    const { file: current } = await loadProfileFile(dataDir);
    const next = await change(current);
    if (next) await saveProfileFile(dataDir, next);
    return next ?? current;
  });
}

async function removeStaleTemporaries(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const full = path.join(dir, name);
    const info = await stat(full).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_TEMPORARY_MS) await rm(full, { force: true });
  }
}
