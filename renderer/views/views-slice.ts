import { describeViewIssues, viewsFileSchema } from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import type { PositionFields, PositionType } from '../state/position-fields';
import type { SliceCreator } from '../state/store';
import type { ViewsSlice } from '../state/views-state';

/** A saved preview start as the position fields: a named position, or a time (`-1h`, an ISO time). */
function positionFieldsOf(start: string): Partial<PositionFields> {
  const named = positionTypes.find((type) => type === start);
  return named ? { type: named } : { type: 'AT_TIMESTAMP', when: start };
}

const positionTypes: PositionType[] = ['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'];

export const createViewsSlice: SliceCreator<ViewsSlice> = (api) => (set, get) => ({
  views: null,
  viewsError: null,
  openedView: null,
  linkedView: null,
  linkedViewError: null,
  async loadViews() {
    try {
      set({ views: (await unwrap(api.views.list())).views, viewsError: null });
    } catch (error) {
      set({ viewsError: messageOf(error) });
    }
  },
  async saveView(view) {
    set({ views: (await unwrap(api.views.save({ view }))).views });
  },
  async removeView(name) {
    set({ views: (await unwrap(api.views.remove({ name }))).views });
  },
  async importViews(text) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`The file is not JSON: ${messageOf(error)}`, { cause: error });
    }
    // Checked here as well as in main, so every bad field is named before anything is sent.
    const parsed = viewsFileSchema.safeParse(json);
    if (!parsed.success) throw new Error(`The file is not a views file: ${describeViewIssues(parsed.error)}`);
    set({ views: (await unwrap(api.views.import({ file: parsed.data }))).views });
  },
  async exportViews() {
    return `${JSON.stringify(await unwrap(api.views.export()), null, 2)}\n`;
  },
  openView(view) {
    const state = get();
    state.setPreviewStream(view.stream);
    state.setRecordColumns(view.stream, view.settings.columns);
    if (view.page === 'preview') state.setPreviewPositionFields(positionFieldsOf(view.settings.start));
    set({ openedView: { view, at: Date.now() } });
    state.goTo(view.page);
  },
  receiveLinkedView(link) {
    set('view' in link ? { linkedView: link.view, linkedViewError: null } : { linkedView: null, linkedViewError: link.error });
  },
  dismissLinkedView() {
    set({ linkedView: null, linkedViewError: null });
  },
});
