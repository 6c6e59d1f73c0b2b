import type { SliceCreator } from './store';

export const pages = ['streams', 'preview', 'search', 'throughput', 'runs', 'permissions', 'connections'] as const;
export type Page = (typeof pages)[number];

export interface NavigationSlice {
  page: Page;
  goTo(page: Page): void;
}

/** In-app navigation lives in the store: the browser host's URL fragment carries its token. */
export const createNavigationSlice: SliceCreator<NavigationSlice> = () => (set) => ({
  page: 'streams',
  goTo(page) {
    set({ page });
  },
});
