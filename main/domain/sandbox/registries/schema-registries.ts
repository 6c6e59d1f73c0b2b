import { startLocalConfluentRegistry, type LocalConfluentRegistry } from './confluent-registry-server';
import { startLocalGlueRegistry, type LocalGlueRegistry } from './glue-registry-server';

/** The sandbox's two schema registries: Glue's (what AWS's serializers use) and a Confluent-compatible one. */
export interface SchemaRegistries {
  glue: LocalGlueRegistry;
  confluent: LocalConfluentRegistry;
  close(): Promise<void>;
}

export async function startSchemaRegistries(options: { host?: string; region: string }): Promise<SchemaRegistries> {
  const glue = await startLocalGlueRegistry(options);
  const confluent = await startLocalConfluentRegistry({ host: options.host }).catch(async (error: unknown) => {
    await glue.close();
    throw error;
  });
  return { glue, confluent, close: async () => void (await Promise.all([glue.close(), confluent.close()])) };
}
