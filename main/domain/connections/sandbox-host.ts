import type { ConnectionTarget } from './target';

/**
 * Lives here, not beside the sandbox, so that a connection can sign for the sandbox without
 * importing it: the sandbox sits above the connections and uses them, never the other way.
 * kinesalite accepts any keys; these make it obvious in a request log that nothing real is used.
 */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'SANDBOX', secretAccessKey: 'SANDBOX' } as const;

/** A running local sandbox, as far as a connection needs it: where it listens, and how to stop it. */
export interface SandboxEndpoints {
  endpoint: string;
  dynamodbEndpoint: string;
  /** The Glue Schema Registry stand-in; absent from a sandbox started without it. */
  glueEndpoint?: string;
  /** The Confluent-compatible registry stand-in, asked with no credentials; absent from a sandbox started without it. */
  confluentRegistryEndpoint?: string;
  /** The local S3 (s3rver behind the conditional front) with the bucket shardscope-sandbox; absent from a sandbox started without it. */
  s3Endpoint?: string;
  region: string;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox; handed to the connection manager by the composition root, which knows how
 * (with or without the demo, and where producer news goes). The manager calls it at most once.
 */
export type SandboxStarter = () => Promise<SandboxEndpoints>;

/** What a connection to a running sandbox reaches: its Kinesis, DynamoDB, registries and S3. */
export function sandboxConnectionTarget(sandbox: SandboxEndpoints): ConnectionTarget {
  return {
    kind: 'sandbox',
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    dynamodbEndpoint: sandbox.dynamodbEndpoint,
    glueEndpoint: sandbox.glueEndpoint ?? null,
    s3Endpoint: sandbox.s3Endpoint ?? null,
    schemaRegistry: sandbox.confluentRegistryEndpoint ? { url: sandbox.confluentRegistryEndpoint, auth: { kind: 'none' } } : null,
  };
}
