import path from 'node:path';
import { MAX_VIEWS, savedViewSchema, type SavedView } from '../../../shared/contract/views';
import { AppError } from '../../core/app-error';
import type { SessionOwner } from '../../core/sessions/session-owner';
import type { ConnectionManager } from './connection-manager';
import { PerConnectionFile } from './per-connection-file';
import { bindingScope } from './schema-source';

export function savedViewsPath(dataDir: string): string {
  return path.join(dataDir, 'views.json');
}

/**
 * Saved views per connection (scoped as schema bindings and masking rules are), in the data folder.
 * A damaged file is refused, never overwritten as if empty; every change runs under the lock the
 * app, the CLI and the browser host all take.
 */
export class SavedViews {
  private readonly views: PerConnectionFile<SavedView>;

  constructor(
    private readonly connections: ConnectionManager,
    dataDir: string,
  ) {
    // Saving over a damaged file would lose every view it still holds.
    this.views = new PerConnectionFile(savedViewsPath(dataDir), savedViewSchema, MAX_VIEWS, 'saved views cannot be read');
  }

  private scopeOf(owner: SessionOwner): string {
    return bindingScope(this.connections.active(owner));
  }

  async list(owner: SessionOwner): Promise<SavedView[]> {
    return this.views.list(this.scopeOf(owner));
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
    return this.views.change(this.scopeOf(owner), edit);
  }
}
