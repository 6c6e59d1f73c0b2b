import type { SavedView } from '../../shared/contract';
import { navigation, type Page } from '../state/navigation-slice';
import { streamChoices } from '../ui/picker/recent-streams';

export const STREAMS_OFFERED = 20;

export interface PaletteEntries {
  pages: { page: Page; label: string; key: string; command?: string }[];
  streams: string[];
  /** The stream the typed text names best, offered with what can be done to it. */
  topStream: string | null;
}

/**
 * What the palette offers for what is typed. Our own filtering, not cmdk's: cmdk scores every
 * item it renders, which over 10,000 streams would cost a frame per keystroke; this offers the
 * pages that match and at most twenty streams, prefix matches and recent choices first.
 */
export function paletteEntries(typed: string, names: readonly string[], recent: readonly string[]): PaletteEntries {
  const query = typed.trim().toLowerCase();
  const pages = navigation.filter(
    (item) => !query || item.page.includes(query) || [item.label, item.command ?? ''].some((name) => name.toLowerCase().includes(query)),
  );
  const streams = streamChoices(names, typed, recent, STREAMS_OFFERED);
  return { pages, streams, topStream: query ? (streams[0] ?? null) : null };
}

/** Saved views whose name, note or stream holds the typed text ("view" or nothing: every one). */
export function matchingViews(views: readonly SavedView[], typed: string): SavedView[] {
  const query = typed
    .trim()
    .toLowerCase()
    .replace(/^(open )?views?:?\s*/, '');
  if (!query) return [...views];
  return views.filter((view) => [view.name, view.note, view.stream].some((text) => text.toLowerCase().includes(query)));
}
