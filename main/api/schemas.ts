import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { SchemaBindingStore } from '../domain/connections/schema-bindings';
import { schemaDefinition } from '../domain/connections/schema-definition';
import { bindingScope } from '../domain/connections/schema-source';
import type { SchemaResolver } from '../domain/engine/decode/schema/schema-resolver';

type SchemaCalls = Pick<Handlers, 'schemas:listBindings' | 'schemas:setBinding' | 'schemas:clearBinding' | 'schemas:get'>;

/** The caller's connection's stream-to-schema bindings (a read started after a change uses it) and the schemas its records name. */
export function schemaHandlers(
  connections: ConnectionManager,
  store: SchemaBindingStore,
  registries: (owner: SessionOwner) => SchemaResolver | undefined = () => undefined,
): SchemaCalls {
  return {
    'schemas:listBindings': async (_input, owner) => ({ bindings: await store.list(bindingScope(connections.active(owner))) }),
    'schemas:setBinding': async (binding, owner) => ({
      bindings: await store.change(bindingScope(connections.active(owner)), binding.stream, binding),
    }),
    'schemas:clearBinding': async ({ stream }, owner) => ({
      bindings: await store.change(bindingScope(connections.active(owner)), stream, null),
    }),
    'schemas:get': async ({ ref }, owner) => {
      const bound = await store.list(bindingScope(connections.active(owner)));
      return schemaDefinition(
        ref,
        registries(owner),
        bound.flatMap((binding) => (binding.file ? [binding.file] : [])),
      );
    },
  };
}
