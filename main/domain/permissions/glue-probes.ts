import { GetSchemaCommand, GetSchemaVersionCommand, ListSchemasCommand } from '@aws-sdk/client-glue';
import { createGlueClient } from '../../aws/clients';
import { classifyAwsError } from '../../aws/errors';
import { checkEndpoint, credentialsOf, type ConnectionTarget } from '../connections/target';
import { classifyProbeError, type Outcome } from './classify';

/** A version id no registry has: Glue answers it with EntityNotFound once IAM has let the call through. */
const PROBE_VERSION_ID = '00000000-0000-4000-8000-5ba4d5c09e0b';
/** Probes name Glue's default registry and a schema nobody makes; the fix policy grants every registry. */
const PROBE_REGISTRY = 'default-registry';
const PROBE_SCHEMA = 'shardscope-permission-check';

const notChecked = (reason: string): Outcome => ({ status: 'unchecked', reason });

/** Whether the connection has a Glue to ask: AWS's, the one it names, or AWS_ENDPOINT_URL_GLUE; never AWS's with a local connection's keys. */
export function glueUnavailable(target: ConnectionTarget, env: NodeJS.ProcessEnv = process.env): string | null {
  if (target.kind === 'aws' || target.glueEndpoint || env.AWS_ENDPOINT_URL_GLUE) return null;
  return 'This connection names no Glue endpoint for its schema registry.';
}

/**
 * Authorized or refused before anything is looked up: a call that reaches Glue and finds nothing
 * (EntityNotFound) proves the action is allowed on that resource.
 */
async function attempt(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return { status: 'granted', reason: null };
  } catch (error) {
    if (classifyAwsError(error).failure === 'not-found') return { status: 'granted', reason: null };
    return classifyProbeError(error);
  }
}

/** What decoding schema-encoded records needs of the Glue Schema Registry, probed with calls that change nothing. */
export async function probeGlueAccess(target: ConnectionTarget): Promise<Record<string, Outcome>> {
  const off = glueUnavailable(target);
  if (off) return { 'glue:GetSchemaVersion': notChecked(off), 'glue:GetSchema': notChecked(off), 'glue:ListSchemas': notChecked(off) };
  const glue = await createGlueClient({
    region: target.region,
    endpoint: target.glueEndpoint ? checkEndpoint(target.glueEndpoint) : null,
    credentials: credentialsOf(target),
  });
  try {
    const schemaId = { RegistryName: PROBE_REGISTRY, SchemaName: PROBE_SCHEMA };
    const [version, schema, list] = await Promise.all([
      attempt(() => glue.send(new GetSchemaVersionCommand({ SchemaVersionId: PROBE_VERSION_ID }))),
      attempt(() => glue.send(new GetSchemaCommand({ SchemaId: schemaId }))),
      attempt(() => glue.send(new ListSchemasCommand({ RegistryId: { RegistryName: PROBE_REGISTRY }, MaxResults: 1 }))),
    ]);
    return { 'glue:GetSchemaVersion': version, 'glue:GetSchema': schema, 'glue:ListSchemas': list };
  } finally {
    glue.destroy();
  }
}
