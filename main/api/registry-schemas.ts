import type { HostKind } from '../../shared/contract';
import { AppError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import { listRegistrySchemas, type WriteSchemaDeps } from '../domain/connections/write-schemas';

type RegistryCalls = Pick<Handlers, 'schemas:listRegistry'>;

/** A registry's schemas, for the pickers of the write dialogs. */
export function registrySchemaHandlers(deps: WriteSchemaDeps, host: HostKind): RegistryCalls {
  return {
    'schemas:listRegistry': async (registry, owner) => {
      // A window must not make main fetch from a URL it names (see refuseWindowSchemaSources).
      if (registry.kind === 'confluent' && registry.url !== undefined && (host === 'browser' || host === 'electron'))
        throw new AppError(
          'unavailable',
          "A window lists the connection's own schema registries; a registry URL of its own is for the command line.",
        );
      return listRegistrySchemas(deps, owner, registry);
    },
  };
}
