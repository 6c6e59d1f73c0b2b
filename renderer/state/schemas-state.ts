import type { SchemaBinding, SchemaDefinition } from '../../shared/contract';
import type { QueryState } from '../api/query-state';

/** How a record names its schema, for "View schema": the registry (or 'file') and the wire id. */
export interface SchemaKey {
  registry: string;
  id: string;
}

export interface SchemasSlice {
  /** The active connection's stream bindings; null until first asked for. */
  schemaBindings: QueryState<SchemaBinding[]> | null;
  loadSchemaBindings(): Promise<void>;
  /** Saves one stream's binding; rejects with the ApiError (its issues name the fields) for the form. */
  setSchemaBinding(binding: SchemaBinding): Promise<void>;
  clearSchemaBinding(stream: string): Promise<void>;
  /** The schema the View schema dialog shows, or null when it is closed. */
  shownSchema: { key: SchemaKey; state: QueryState<SchemaDefinition> } | null;
  showSchema(key: SchemaKey): Promise<void>;
  closeSchema(): void;
}
