import type { ActiveConnection, SavedView } from '../../shared/contract';

/** A view being put back on its page: the page's form remounts with these settings (`at` tells two openings apart). */
export interface OpenedView {
  view: SavedView;
  at: number;
}

export interface ViewsSlice {
  /** The active connection's saved views; null before the first load. */
  views: SavedView[] | null;
  viewsError: string | null;
  openedView: OpenedView | null;
  /** A view a link carried, waiting for the user to choose the connection it opens on. */
  linkedView: SavedView | null;
  /** Why a link's view could not be read, naming the bad field. */
  linkedViewError: string | null;
  loadViews(): Promise<void>;
  /** Throws the API error, so the dialog can show it beside the name. */
  saveView(view: SavedView): Promise<void>;
  removeView(name: string): Promise<void>;
  /** Reads an exported views file's text; throws an error naming each bad field. */
  importViews(text: string): Promise<void>;
  exportViews(): Promise<string>;
  /** Puts the view's stream and settings on its page and goes there; the masking switch is left as it is. */
  openView(view: SavedView): void;
  receiveLinkedView(link: { view: SavedView } | { error: string }): void;
  dismissLinkedView(): void;
}

/** The name a view records for the connection it was saved on. */
export function connectionName(connection: ActiveConnection | null): string {
  return connection ? (connection.profile ?? connection.label) : '';
}
