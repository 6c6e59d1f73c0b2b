import type { App } from 'electron';
import { parseViewLink, VIEW_LINK_KEY } from '../../../shared/contract/views';
import { APP_ORIGIN } from '../../security/navigation';

export const VIEW_LINK_SCHEME = 'shardscope';

/**
 * The app's own address for a `shardscope://view#view=…` link (a query `?view=…` is taken too, as
 * some launchers drop fragments). Only the view goes through: nothing else in a link reaches the
 * page. A view that does not parse still goes, so the page says which field is wrong.
 */
export function appAddressOfLink(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${VIEW_LINK_SCHEME}:`) return null;
  const carried = url.hash.length > 1 ? url.hash : `#${url.search.slice(1)}`;
  if (parseViewLink(carried) === null) return null;
  const view = new URLSearchParams(carried.slice(1)).get(VIEW_LINK_KEY)!;
  return `${APP_ORIGIN}/index.html#${VIEW_LINK_KEY}=${encodeURIComponent(view)}`;
}

/** The first argument that is a view link (Windows and Linux pass the link on the command line). */
function linkIn(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.startsWith(`${VIEW_LINK_SCHEME}://`)) ?? null;
}

/**
 * Makes the desktop app the handler of `shardscope://` links and opens each in the window: macOS
 * sends `open-url`; elsewhere a second launch carries the link and hands it to this instance.
 * `open` loads the app address, which changes only the fragment, so the page reads it in place.
 */
export function registerViewLinks(
  app: Pick<App, 'setAsDefaultProtocolClient' | 'on' | 'isPackaged'>,
  argv: readonly string[],
  open: (address: string) => void,
): { initial: string | null } {
  // A development or test run would make its bare Electron the system's handler: only an installed app registers.
  if (app.isPackaged) app.setAsDefaultProtocolClient(VIEW_LINK_SCHEME);
  const take = (link: string | null) => {
    const address = link ? appAddressOfLink(link) : null;
    if (address) open(address);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    take(url);
  });
  app.on('second-instance', (_event, secondArgv) => take(linkIn(secondArgv)));
  const first = linkIn(argv);
  return { initial: first ? appAddressOfLink(first) : null };
}
