import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MAX_VIEWS, savedViewSchema, type SavedView } from '../../../shared/contract/views';
import { AppError } from '../../core/app-error';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { writeFileAtomic } from '../engine/files/atomic-file';
import { withDataFileLock } from '../engine/files/data-file-lock';
import type { ConnectionManager } from './connection-manager';
import { bindingScope } from './schema-source';

const viewsStoreSchema = z.object({
  version: z.literal(1),
  connections: z.record(z.string().max(8_192), z.array(savedViewSchema).max(MAX_VIEWS)),
});
type ViewsStore = z.infer<typeof viewsStoreSchema>;

export function savedViewsPath(dataDir: string): string {
  return path.join(dataDir, 'views.json');
}

/**
 * Saved views per connection (scoped as schema bindings and masking rules are), in the data folder.
 * A damaged file is refused, never overwritten as if empty; every change runs under the lock the
 * app, the CLI and the browser host all take.
 */
export class SavedViews {
  constructor(
    private readonly connections: ConnectionManager,
    private readonly dataDir: string,
  ) {}

  private get file(): string {
    return savedViewsPath(this.dataDir);
  }

  private scopeOf(owner: SessionOwner): string {
    return bindingScope(this.connections.active(owner));
  }

  private async load(): Promise<ViewsStore> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, connections: {} };
      throw error;
    }
    try {
      const parsed = viewsStoreSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: refused below like a file of the wrong shape.
    }
    // Saving over it would lose every view it still holds.
    throw new AppError('invalid-input', `${this.file} is damaged: fix it or remove it (saved views cannot be read).`);
  }

  async list(owner: SessionOwner): Promise<SavedView[]> {
    return (await this.load()).connections[this.scopeOf(owner)] ?? [];
  }

  /** Saves each view in place of one of the same name (names compare without case). */
  save(owner: SessionOwner, views: readonly SavedView[]): Promise<SavedView[]> {
    return this.change(owner, (existing) => {
      const names = new Set(views.map((view) => view.name.toLowerCase()));
      const next = [...existing.filter((view) => !names.has(view.name.toLowerCase())), ...views];
      if (next.length > MAX_VIEWS)
        throw new AppError('invalid-input', `A connection holds at most ${MAX_VIEWS} views; this would make ${next.length}.`);
      return next;
    });
  }

  remove(owner: SessionOwner, name: string): Promise<SavedView[]> {
    return this.change(owner, (existing) => {
      const next = existing.filter((view) => view.name.toLowerCase() !== name.toLowerCase());
      if (next.length === existing.length) throw new AppError('not-found', `This connection has no view called ${name}.`);
      return next;
    });
  }

  private change(owner: SessionOwner, edit: (existing: SavedView[]) => SavedView[]): Promise<SavedView[]> {
    const scope = this.scopeOf(owner);
    return withDataFileLock(this.file, async () => {
      const content = await this.load();
      const next = edit(content.connections[scope] ?? []);
      if (next.length > 0) content.connections[scope] = next;
      else delete content.connections[scope];
      await writeFileAtomic(this.file, `${JSON.stringify(viewsStoreSchema.parse(content), null, 2)}\n`);
      return next;
    });
  }
}
