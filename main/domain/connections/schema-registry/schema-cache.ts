import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ResolvedSchema } from '../../engine/decode/schema/schema-resolver';
import { writeFileAtomic } from '../../engine/files/atomic-file';

/** Enough for every schema a busy account's streams use; past it the least recently used go. */
export const MAX_CACHED_SCHEMAS = 500;
/** Glue allows 170,000 characters per definition: 500 of those would be far more than a cache file should hold. */
export const MAX_CACHED_CHARACTERS = 8 * 1024 * 1024;
/** A version that is missing or refused is asked for again after this, not at every record. */
const FAILURE_MEMORY_MS = 30_000;

const resolvedSchema = z.object({
  registry: z.string(),
  name: z.string(),
  version: z.number().nullable(),
  id: z.string(),
  format: z.enum(['AVRO', 'PROTOBUF', 'JSON']),
  definition: z.string(),
  imports: z.record(z.string(), z.string()).optional(),
});
const cacheFile = z.object({ version: z.literal(1), entries: z.array(z.tuple([z.string(), resolvedSchema])) });

const sizeOf = (schema: ResolvedSchema) =>
  schema.definition.length + Object.values(schema.imports ?? {}).reduce((sum, text) => sum + text.length, 0);

/**
 * Schemas fetched from one registry for one connection. A registered version never changes, so
 * an entry is kept for good: in memory, and in a file in the data folder (when given) that a
 * later process starts from. Lookups of one key made at the same time share one fetch.
 */
export class SchemaCache {
  private readonly entries = new Map<string, ResolvedSchema>();
  private readonly inFlight = new Map<string, Promise<ResolvedSchema>>();
  private readonly failures = new Map<string, { error: unknown; until: number }>();
  private loaded: Promise<void> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    /** The cache file, or null to keep entries in memory only. */
    private readonly file: string | null,
    private readonly limits = { entries: MAX_CACHED_SCHEMAS, characters: MAX_CACHED_CHARACTERS },
  ) {}

  async get(key: string, fetch: () => Promise<ResolvedSchema>): Promise<ResolvedSchema> {
    await (this.loaded ??= this.load());
    const known = this.entries.get(key);
    if (known) {
      // Most recently used last: eviction takes from the front.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const failed = this.failures.get(key);
    if (failed && failed.until > Date.now()) throw failed.error;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const fetching = fetch().then(
      (schema) => {
        this.inFlight.delete(key);
        this.failures.delete(key);
        this.remember(key, schema);
        return schema;
      },
      (error: unknown) => {
        this.inFlight.delete(key);
        this.failures.set(key, { error, until: Date.now() + FAILURE_MEMORY_MS });
        throw error;
      },
    );
    this.inFlight.set(key, fetching);
    return fetching;
  }

  /** Lookups that failed are tried again at their next use, not after the failure memory (new credentials). */
  forgetFailures(): void {
    this.failures.clear();
  }

  /** Waits for the cache file to be written (a test, or a process about to exit). */
  async flushed(): Promise<void> {
    await this.saving;
  }

  private remember(key: string, schema: ResolvedSchema): void {
    this.entries.set(key, schema);
    let characters = [...this.entries.values()].reduce((sum, entry) => sum + sizeOf(entry), 0);
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.limits.entries && characters <= this.limits.characters) break;
      this.entries.delete(oldest);
      characters -= sizeOf(entry);
    }
    if (this.file) {
      const file = this.file;
      const content = JSON.stringify({ version: 1, entries: [...this.entries] });
      // One write at a time, each with everything known: the last one leaves the whole cache.
      this.saving = this.saving.then(() => writeFileAtomic(file, content)).catch(() => undefined);
    }
  }

  /** A cache file that is missing, unreadable or from another version is started over, not an error: it only saves calls. */
  private async load(): Promise<void> {
    if (!this.file) return;
    const text = await readFile(this.file, 'utf8').catch(() => null);
    if (text === null) return;
    const parsed = cacheFile.safeParse(parseJson(text));
    if (!parsed.success) return;
    for (const [key, schema] of parsed.data.entries.slice(-this.limits.entries)) this.entries.set(key, schema);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
