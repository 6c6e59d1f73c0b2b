import { loading, settle } from '../api/query-state';
import { unwrap } from '../api/api-error';
import type { SliceCreator } from '../state/store';
import type { SchemaKey, SchemasSlice } from '../state/schemas-state';
import type { SchemaDefinition } from '../../shared/contract';

const keyOf = (key: SchemaKey) => `${key.registry}\n${key.id}`;

export const createSchemasSlice: SliceCreator<SchemasSlice> = (api) => (set, get) => {
  // A registry's version never changes: once shown, it is shown again without asking main. A file can change.
  const registered = new Map<string, SchemaDefinition>();
  return {
    schemaBindings: null,
    async loadSchemaBindings() {
      if (get().schemaBindings?.status !== 'ok') set({ schemaBindings: loading });
      const state = await settle(api.schemas.listBindings({}));
      set({ schemaBindings: state.status === 'ok' ? { status: 'ok', data: state.data.bindings } : state });
    },
    async setSchemaBinding(binding) {
      const { bindings } = await unwrap(api.schemas.setBinding(binding));
      set({ schemaBindings: { status: 'ok', data: bindings } });
    },
    async clearSchemaBinding(stream) {
      const { bindings } = await unwrap(api.schemas.clearBinding({ stream }));
      set({ schemaBindings: { status: 'ok', data: bindings } });
    },
    shownSchema: null,
    async showSchema(key) {
      const known = registered.get(keyOf(key));
      if (known) return set({ shownSchema: { key, state: { status: 'ok', data: known } } });
      set({ shownSchema: { key, state: loading } });
      const state = await settle(api.schemas.get({ ref: key }));
      if (state.status === 'ok' && key.registry !== 'file') registered.set(keyOf(key), state.data);
      // Answered after the dialog moved on (closed, or another schema opened): dropped.
      if (get().shownSchema?.key === key) set({ shownSchema: { key, state } });
    },
    closeSchema() {
      set({ shownSchema: null });
    },
  };
};
