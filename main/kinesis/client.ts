import http from 'node:http';
import https from 'node:https';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface KinesisClientOptions {
  region: string;
  endpoint?: string | null;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call including the first; the SDK's default is 3. */
  maxAttempts?: number;
}

/**
 * HTTP/1.1 with keep-alive: the SDK's HTTP/2 default for Kinesis fails with protocol errors
 * against local implementations, and the request/response API gains nothing from HTTP/2.
 */
export function createKinesisClient(options: KinesisClientOptions): KinesisClient {
  return new KinesisClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: new NodeHttpHandler({
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
      connectionTimeout: 5_000,
      requestTimeout: 30_000,
    }),
  });
}
