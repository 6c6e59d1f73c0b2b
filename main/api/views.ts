import type { Handlers } from '../core/dispatcher';
import type { SavedViews } from '../domain/connections/view-store';

type ViewCalls = Pick<Handlers, 'views:list' | 'views:save' | 'views:remove' | 'views:import' | 'views:export'>;

/** The caller's connection's saved views; every change here is audited (see audit-plans). */
export function viewsHandlers(views: SavedViews): ViewCalls {
  return {
    'views:list': async (_input, owner) => ({ views: await views.list(owner) }),
    'views:save': async ({ view }, owner) => ({ views: await views.save(owner, [view]) }),
    'views:remove': async ({ name }, owner) => ({ views: await views.remove(owner, name) }),
    'views:import': async ({ file }, owner) => ({ views: await views.save(owner, file.views) }),
    'views:export': async (_input, owner) => ({ version: 1 as const, views: await views.list(owner) }),
  };
}
