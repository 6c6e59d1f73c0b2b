import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { appAddressOfLink, registerViewLinks } from '../../main/hosts/electron/view-links';
import { APP_ORIGIN } from '../../main/security/navigation';
import { parseViewLink, viewLinkFragment, type SavedView } from '../../shared/contract';

const view: SavedView = {
  name: 'failed orders',
  note: '',
  connection: 'prod-eu',
  stream: 'orders',
  page: 'search',
  settings: { start: '-1h', end: '', filter: 'data.status == "FAILED"', columns: [] },
  masked: true,
};
const link = `shardscope://view#${viewLinkFragment(view)}`;

/** Electron's app as the links see it: its events, and who it handles links for. */
class FakeApp extends EventEmitter {
  isPackaged = true;
  schemes: string[] = [];
  setAsDefaultProtocolClient(scheme: string): boolean {
    this.schemes.push(scheme);
    return true;
  }
}

describe('shardscope:// view links in the desktop app', () => {
  it('turns a link into the app address that carries only the view', () => {
    const address = appAddressOfLink(`${link}&token=stolen`)!;
    expect(address.startsWith(`${APP_ORIGIN}/index.html#view=`)).toBe(true);
    expect(address).not.toContain('stolen');
    expect(parseViewLink(new URL(address).hash)).toEqual({ view });
    expect(appAddressOfLink(`shardscope://view?${viewLinkFragment(view)}`)).toBe(address);
    for (const other of ['https://example.com/#view=%7B%7D', 'shardscope://view', 'not a url', 'shardscope://view#token=x'])
      expect(appAddressOfLink(other), other).toBeNull();
  });

  it('registers the scheme and opens links from macOS open-url, a second launch and the first launch', () => {
    const app = new FakeApp();
    const opened: string[] = [];
    const { initial } = registerViewLinks(app as never, ['/opt/Shardscope/shardscope', link], (address) => opened.push(address));
    expect(app.schemes).toEqual(['shardscope']);
    expect(initial).toBe(appAddressOfLink(link));

    let prevented = false;
    app.emit('open-url', { preventDefault: () => (prevented = true) }, link);
    expect(prevented).toBe(true);
    app.emit('second-instance', {}, ['/opt/Shardscope/shardscope', '--no-sandbox', link]);
    app.emit('second-instance', {}, ['/opt/Shardscope/shardscope']);
    app.emit('open-url', { preventDefault: () => undefined }, 'https://example.com/');
    expect(opened).toEqual([appAddressOfLink(link), appAddressOfLink(link)]);

    const development = new FakeApp();
    development.isPackaged = false;
    registerViewLinks(development as never, [], () => undefined);
    expect(development.schemes).toEqual([]);
  });
});
