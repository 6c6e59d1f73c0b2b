import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { credentialSourceSchema, readBudgetSettingSchema } from '../../shared/contract';
import { writeFileAtomic } from './atomic-file';

/** What profiles.json holds: names, regions, endpoints, key IDs. Never a secret. */
const storedProfileSchema = z.object({
  name: z.string().min(1),
  region: z.string().min(1),
  endpoint: z.string().nullable(),
  source: credentialSourceSchema,
  readBudget: readBudgetSettingSchema.nullable().optional(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

const profileFileSchema = z.object({
  version: z.literal(1),
  /** The profile to open on; null for the built-in sandbox. */
  active: z.string().nullable(),
  profiles: z.array(storedProfileSchema),
});
export type ProfileFile = z.infer<typeof profileFileSchema>;

export const EMPTY_PROFILE_FILE: ProfileFile = { version: 1, active: null, profiles: [] };

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
