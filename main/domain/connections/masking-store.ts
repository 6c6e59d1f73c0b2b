import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MAX_MASK_RULES, storedMaskRuleSchema, type MaskRule, type StoredMaskRule } from '../../../shared/contract/masking';
import { AppError } from '../../core/app-error';
import { writeFileAtomic } from '../engine/files/atomic-file';
import { withDataFileLock } from '../engine/files/data-file-lock';

const rulesFileSchema = z.object({
  version: z.literal(1),
  connections: z.record(z.string().max(8_192), z.array(storedMaskRuleSchema).max(MAX_MASK_RULES)),
});
type RulesFile = z.infer<typeof rulesFileSchema>;

export function maskingRulesPath(dataDir: string): string {
  return path.join(dataDir, 'masking-rules.json');
}

/**
 * Masking rules per connection (named as schema bindings are), in the data folder. A file that
 * cannot be read is moved aside, never taken as "no rules" silently overwritten; every change runs
 * under the lock the app, the CLI and the browser host all take.
 */
export class MaskingRuleStore {
  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return maskingRulesPath(this.dataDir);
  }

  private async load(): Promise<RulesFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, connections: {} };
      throw error;
    }
    try {
      const parsed = rulesFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: refused below like a file of the wrong shape.
    }
    // Reading on as if there were no rules would show every value in the clear.
    throw new AppError(
      'invalid-input',
      `${this.file} is damaged: fix it or remove it (masking rules cannot be read, so nothing is shown).`,
    );
  }

  async list(connection: string): Promise<StoredMaskRule[]> {
    return (await this.load()).connections[connection] ?? [];
  }

  add(connection: string, rules: readonly MaskRule[], replace = false): Promise<StoredMaskRule[]> {
    return this.change(connection, (existing) => {
      const added = rules.map((rule) => ({ ...rule, id: randomBytes(4).toString('hex') }));
      const next = [...(replace ? [] : existing), ...added];
      if (next.length > MAX_MASK_RULES)
        throw new AppError('invalid-input', `A connection holds at most ${MAX_MASK_RULES} masking rules; this would make ${next.length}.`);
      return next;
    });
  }

  remove(connection: string, id: string): Promise<StoredMaskRule[]> {
    return this.change(connection, (existing) => {
      if (!existing.some((rule) => rule.id === id)) throw new AppError('not-found', `This connection has no masking rule ${id}.`);
      return existing.filter((rule) => rule.id !== id);
    });
  }

  private change(connection: string, edit: (existing: StoredMaskRule[]) => StoredMaskRule[]): Promise<StoredMaskRule[]> {
    return withDataFileLock(this.file, async () => {
      const content = await this.load();
      const next = edit(content.connections[connection] ?? []);
      if (next.length > 0) content.connections[connection] = next;
      else delete content.connections[connection];
      await writeFileAtomic(this.file, `${JSON.stringify(rulesFileSchema.parse(content), null, 2)}\n`);
      return next;
    });
  }
}
