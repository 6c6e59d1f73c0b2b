import type { Handlers } from '../core/dispatcher';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { SchemaBindingStore } from '../domain/connections/schema-bindings';
import { bindingScope } from '../domain/connections/schema-source';

type SchemaCalls = Pick<Handlers, 'schemas:listBindings' | 'schemas:setBinding' | 'schemas:clearBinding'>;

/** The caller's connection's stream-to-schema bindings; a read started after a change uses it. */
export function schemaHandlers(connections: ConnectionManager, store: SchemaBindingStore): SchemaCalls {
  return {
    'schemas:listBindings': async (_input, owner) => ({ bindings: await store.list(bindingScope(connections.active(owner))) }),
    'schemas:setBinding': async (binding, owner) => ({
      bindings: await store.change(bindingScope(connections.active(owner)), binding.stream, binding),
    }),
    'schemas:clearBinding': async ({ stream }, owner) => ({
      bindings: await store.change(bindingScope(connections.active(owner)), stream, null),
    }),
  };
}
