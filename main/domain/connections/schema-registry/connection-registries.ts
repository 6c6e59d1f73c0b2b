import { AppError } from '../../../core/app-error';
import type { ResolvedSchema, SchemaLookup, SchemaResolver } from '../../engine/decode/schema/schema-resolver';

/**
 * A connection's registries as the decoder sees them: one resolver that sends a GSR version id
 * to its Glue and a Confluent id to its Confluent-compatible registry. Undefined when it has
 * neither, so the decoder does not take a leading zero byte for Confluent framing.
 */
export function connectionRegistries(glue: SchemaResolver | undefined, confluent: SchemaResolver | undefined): SchemaResolver | undefined {
  if (!glue && !confluent) return undefined;
  return {
    resolve(lookup: SchemaLookup): Promise<ResolvedSchema> {
      if (lookup.kind === 'gsr') {
        if (glue) return glue.resolve(lookup);
        return Promise.reject(
          new AppError('unavailable', `Version ${lookup.versionId} is a Glue Schema Registry id, and this connection reaches no Glue.`),
        );
      }
      if (confluent) return confluent.resolve(lookup);
      return Promise.reject(
        new AppError('unavailable', `Schema id ${lookup.id} is a Confluent registry id, and this connection names no such registry.`),
      );
    },
  };
}
