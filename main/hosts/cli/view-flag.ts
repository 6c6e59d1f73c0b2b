import type { Command } from 'commander';
import type { SavedView } from '../../../shared/contract';
import type { ReadEndSpec } from '../../../shared/positions';
import { parseReadEnd } from '../../../shared/positions';
import type { RecordFilter } from '../../../shared/record-filter';
import type { ShardscopeApp } from '../../app/shardscope-app';
import { AppError } from '../../core/app-error';
import { call } from './cli-app';
import { note } from './output';

export interface ViewFlag {
  view?: string;
}

export const VIEW_HELP =
  "read as the saved view does (views list names them): its stream, start, end and filter; a stream or a --from, --until, --limit or --where given here wins over the view's";

export function withViewFlag<T extends Command>(command: T): T {
  return command.option('--view <name>', VIEW_HELP) as T;
}

/** What a saved view says about a read, in the terms of the command line. */
export interface ViewRead {
  name: string;
  stream: string;
  from?: string;
  until?: ReadEndSpec;
  /** The end as the view holds it, for saying where the read stops. */
  end?: string;
  limit?: number;
  /** A search view's expression is its filter; a preview view may add a text filter. */
  filter: RecordFilter;
}

/** The connection's view of that name (names compare without case, as the app's do). */
export async function readOfView(app: ShardscopeApp, name: string): Promise<ViewRead> {
  const { views } = await call(app, 'views:list', {});
  const view = views.find((saved) => saved.name.toLowerCase() === name.trim().toLowerCase());
  if (!view) {
    const known = views.length > 0 ? ` It has ${views.map((saved) => saved.name).join(', ')}.` : ' It has none.';
    throw new AppError('invalid-input', `--view: this connection has no view called ${name}.${known}`);
  }
  return viewRead(view);
}

function viewRead(view: SavedView): ViewRead {
  const { settings } = view;
  let until: ReadEndSpec | undefined;
  if (settings.end) {
    until = parseReadEnd(settings.end) ?? undefined;
    if (!until) throw new AppError('invalid-input', `--view: the view ${view.name} ends at "${settings.end}", which is not an end.`);
  }
  return {
    name: view.name,
    stream: view.stream,
    from: settings.start || undefined,
    until,
    end: settings.end || undefined,
    limit: settings.limit,
    filter:
      view.page === 'search'
        ? { text: '', regex: false, field: settings.filter }
        : { text: settings.filter, regex: settings.regex ?? false, field: settings.expression ?? '' },
  };
}

/** Whether the user typed this flag (or set it in the environment), rather than leaving its default. */
export function flagGiven(command: Command, flag: string): boolean {
  const source = command.getOptionValueSource(flag);
  return source === 'cli' || source === 'env';
}

/** The stream argument, else the view's; one of them is needed. */
export function streamOf(given: string | undefined, view: ViewRead | null): string {
  const stream = given ?? view?.stream;
  if (!stream) throw new AppError('invalid-input', 'name the stream, or give --view with a saved view.');
  return stream;
}

/** Says on stderr what came from the view, so a surprising read can be traced to it. */
export function noteView(view: ViewRead | null, used: Record<string, string | undefined>): void {
  if (!view) return;
  const parts = Object.entries(used)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key} ${value}`);
  note(`view ${view.name}: ${parts.length > 0 ? parts.join(', ') : 'every setting was given on the command line'}`);
}
