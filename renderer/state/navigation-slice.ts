import type { SliceCreator } from './store';

export const pages = ['streams', 'preview', 'search', 'throughput', 'runs', 'failures', 'permissions', 'audit', 'connections'] as const;
export type Page = (typeof pages)[number];

/** The navigation, in order: each page's name, the key that goes to it after `g`, and what the palette calls going there. */
export const navigation: { page: Page; label: string; key: string; command?: string }[] = [
  { page: 'streams', label: 'Streams', key: 's' },
  { page: 'preview', label: 'Live preview', key: 'p' },
  { page: 'search', label: 'Search', key: 'f' },
  { page: 'throughput', label: 'Throughput', key: 't' },
  { page: 'runs', label: 'Runs', key: 'r' },
  { page: 'failures', label: 'Failures', key: 'l', command: 'Open Lambda failure notices' },
  { page: 'permissions', label: 'Permissions', key: 'k' },
  { page: 'audit', label: 'Audit log', key: 'a', command: 'Open the audit log' },
  { page: 'connections', label: 'Connections', key: 'c' },
];

export interface NavigationSlice {
  page: Page;
  goTo(page: Page): void;
  /** The stream chosen last, anywhere: pages that have none yet start with it. */
  lastStream: string | null;
  /**
   * A stream chosen on one page is carried to the others: each page's stream field takes it,
   * unless that page is busy with a stream of its own (a preview, a meter or a search running).
   */
  carryStream(name: string): void;
}

/** In-app navigation lives in the store: the browser host's URL fragment carries its token. */
export const createNavigationSlice: SliceCreator<NavigationSlice> = () => (set, get) => ({
  page: 'streams',
  goTo(page) {
    set({ page });
  },
  lastStream: null,
  carryStream(name) {
    const state = get();
    if (!state.previewSession && !state.searchSession) state.setPreviewStream(name);
    if (!state.metricsSession) state.setMetricsStream(name);
    state.setPermissionStream(name);
    set({ lastStream: name });
  },
});
