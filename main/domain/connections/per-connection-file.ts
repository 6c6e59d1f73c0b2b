import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../core/app-error';
import { writeFileAtomic } from '../engine/files/atomic-file';
import { withDataFileLock } from '../engine/files/data-file-lock';

/** Connection scopes (kind|name|region|endpoint): bounded so a crafted file cannot hold a huge key. */
const MAX_SCOPE_LENGTH = 8_192;

/**
 * A JSON file in the data folder holding a list per connection scope (masking rules, saved views).
 * A file that cannot be read is refused with `damaged`, never taken as empty and overwritten, which
 * would lose what it holds; every change runs under the lock the app, the CLI and the browser host
 * all take, and is written atomically.
 */
export class PerConnectionFile<Item> {
  private readonly schema;

  constructor(
    readonly file: string,
    item: z.ZodType<Item>,
    maxItems: number,
    /** Why the file cannot be done without, said when it is damaged (e.g. "saved views cannot be read"). */
    private readonly damaged: string,
  ) {
    this.schema = z.object({
      version: z.literal(1),
      connections: z.record(z.string().max(MAX_SCOPE_LENGTH), z.array(item).max(maxItems)),
    });
  }

  private async load(): Promise<{ version: 1; connections: Record<string, Item[]> }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, connections: {} };
      throw error;
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data as { version: 1; connections: Record<string, Item[]> };
    } catch {
      // Not JSON: refused below like a file of the wrong shape.
    }
    throw new AppError('invalid-input', `${this.file} is damaged: fix it or remove it (${this.damaged}).`);
  }

  async list(scope: string): Promise<Item[]> {
    return (await this.load()).connections[scope] ?? [];
  }

  /** The scope's list replaced by what `edit` makes of it (which may throw to refuse); an empty list leaves no entry. */
  change(scope: string, edit: (existing: Item[]) => Item[]): Promise<Item[]> {
    return withDataFileLock(this.file, async () => {
      const content = await this.load();
      const next = edit(content.connections[scope] ?? []);
      if (next.length > 0) content.connections[scope] = next;
      else delete content.connections[scope];
      await writeFileAtomic(this.file, `${JSON.stringify(this.schema.parse(content), null, 2)}\n`);
      return next;
    });
  }
}
