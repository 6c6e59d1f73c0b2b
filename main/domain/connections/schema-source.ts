import type { LocalSchemaFileInput, ActiveConnection } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { loadLocalSchema } from '../engine/decode/schema/local-schema-file';
import { SchemaDecoding } from '../engine/decode/schema/record-schemas';
import type { SchemaResolver } from '../engine/decode/schema/schema-resolver';
import { SchemaDecodeError } from '../engine/decode/schema/schema-value';
import type { ConnectionManager } from './connection-manager';
import type { SchemaBindingStore } from './schema-bindings';

/** How a connection is named in the bindings file: the same connection reached again finds its bindings. */
export const bindingScope = (active: Pick<ActiveConnection, 'kind' | 'label' | 'region' | 'endpoint'>) =>
  `${active.kind}|${active.label}|${active.region}|${active.endpoint ?? ''}`;

/**
 * What a new read of a stream decodes schemas with: a file given for this read, else the stream's
 * binding, and the connection's registries (none until a registry is set up for it).
 */
export type SchemaSource = (owner: SessionOwner, stream: string, override?: LocalSchemaFileInput) => Promise<SchemaDecoding>;

export function schemaSource(
  connections: ConnectionManager,
  store: SchemaBindingStore,
  registries: (owner: SessionOwner) => SchemaResolver | undefined = () => undefined,
): SchemaSource {
  return async (owner, stream, override) => {
    const resolver = registries(owner);
    const binding = override
      ? { mode: 'auto' as const, file: override }
      : await store.find(bindingScope(connections.active(owner)), stream);
    const mode = binding?.mode ?? 'auto';
    const chosen = binding?.file;
    if (!chosen || mode === 'none') return new SchemaDecoding({ mode, resolver });
    try {
      return new SchemaDecoding({ mode, resolver, file: await loadLocalSchema(chosen) });
    } catch (error) {
      // A file that cannot be used refuses the read: decoding every record without it would look like data, not a mistake.
      if (error instanceof SchemaDecodeError) throw new AppError('invalid-input', `The schema file cannot be used: ${error.message}`);
      throw error;
    }
  };
}
