import http from 'node:http';
import https from 'node:https';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { copyReadOnlyGuard, refuseWrites } from './read-only';

/** Where a connection's calls go and what they sign with; only main holds one of these. */
export interface AwsEndpoint {
  region: string;
  /** A custom Kinesis endpoint (local servers, the sandbox); null on AWS itself. */
  endpoint?: string | null;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface KinesisClientOptions extends AwsEndpoint {
  /**
   * Attempts per call including the first. Readers pass 1: they pace and back off themselves,
   * and an SDK retry behind their back would spend the shard's read budget twice.
   */
  maxAttempts?: number;
  /**
   * The connection's name and whether it is read-only now: the client then refuses every call
   * that writes, and asks again at each call, so a connection made read-only stops a running writer.
   */
  readOnly?: { connection: string; now(): boolean } | null;
}

const CONNECT_TIMEOUT_MS = 5_000;
/** How long a Kinesis call may go without a byte back; SHARDSCOPE_REQUEST_TIMEOUT_MS changes it for slow links. */
function requestTimeoutMs(): number {
  const configured = Number(process.env.SHARDSCOPE_REQUEST_TIMEOUT_MS);
  return configured > 0 ? configured : 30_000;
}

/**
 * HTTP/1.1 with keep-alive: the SDK's HTTP/2 default for Kinesis fails with protocol errors
 * against local implementations, and the request/response API gains nothing from HTTP/2.
 */
export function createKinesisClient(options: KinesisClientOptions): KinesisClient {
  const client = new KinesisClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: new NodeHttpHandler({
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: requestTimeoutMs(),
      // Without this smithy only logs a warning, and a call nobody answers holds its reader forever.
      throwOnRequestTimeout: true,
    }),
  });
  if (options.readOnly) refuseWrites(client, options.readOnly.connection, options.readOnly.now);
  return client;
}

/**
 * SubscribeToShard is an HTTP/2 event stream: it gets a client of its own with the same settings,
 * the read-only guard included, for the length of `run`.
 */
export async function withHttp2Client<T>(client: KinesisClient, run: (h2: KinesisClient) => Promise<T>): Promise<T> {
  const config = client.config;
  const h2 = new KinesisClient({
    region: await config.region(),
    credentials: config.credentials,
    endpoint: config.endpoint ? await config.endpoint() : undefined,
    requestHandler: new NodeHttp2Handler({ requestTimeout: 10_000 }),
    maxAttempts: 1,
  });
  copyReadOnlyGuard(client, h2);
  try {
    return await run(h2);
  } finally {
    h2.destroy();
  }
}

/** STS, IAM and CloudWatch live on AWS only: a custom Kinesis endpoint does not apply to them. */
function awsOnly(target: AwsEndpoint, maxAttempts: number) {
  return {
    region: target.region,
    ...(target.credentials ? { credentials: target.credentials } : {}),
    maxAttempts,
    requestHandler: new NodeHttpHandler({ connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: 15_000, throwOnRequestTimeout: true }),
  };
}

export function createStsClient(target: AwsEndpoint): STSClient {
  return new STSClient(awsOnly(target, 1));
}

/**
 * An SDK package loaded when first used. In the bundled CLI a CommonJS package's dynamic import
 * has its exports on `default` only; run from source, Node gives them by name as well. By name here.
 */
export async function loadSdk<T extends object>(load: () => Promise<T>): Promise<T> {
  const loaded = (await load()) as T & { default?: T };
  return loaded.default && typeof loaded.default === 'object' ? loaded.default : loaded;
}

/** Loaded when first used: most commands never ask IAM, and every command would pay to load it. */
export async function createIamClient(target: AwsEndpoint): Promise<IAMClient> {
  const { IAMClient } = await loadSdk(() => import('@aws-sdk/client-iam'));
  return new IAMClient(awsOnly(target, 1));
}

/** Loaded when first used, as IAM is. */
export async function createCloudWatchClient(target: AwsEndpoint): Promise<CloudWatchClient> {
  const { CloudWatchClient } = await loadSdk(() => import('@aws-sdk/client-cloudwatch'));
  return new CloudWatchClient(awsOnly(target, 2));
}

export interface DynamoDbClientOptions {
  region: string;
  /** A local DynamoDB (dynalite beside the sandbox, LocalStack); null for AWS's regional endpoint. */
  endpoint: string | null;
  credentials?: AwsEndpoint['credentials'];
  readOnly?: KinesisClientOptions['readOnly'];
}

/**
 * For KCL lease tables. Loaded when first used, as IAM is. Two attempts: a lease table is small
 * and read whole, and one retry hides a dropped connection without hiding a refusal.
 */
export async function createDynamoDbClient(options: DynamoDbClientOptions): Promise<DynamoDBClient> {
  const { DynamoDBClient } = await loadSdk(() => import('@aws-sdk/client-dynamodb'));
  const client = new DynamoDBClient({
    ...awsOnly(options, 2),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  if (options.readOnly) refuseWrites(client, options.readOnly.connection, options.readOnly.now);
  return client;
}

/** Lambda's event source mappings; loaded when first used. AWS_ENDPOINT_URL_LAMBDA points it elsewhere (the SDK reads it). */
export async function createLambdaClient(target: AwsEndpoint): Promise<LambdaClient> {
  const { LambdaClient } = await loadSdk(() => import('@aws-sdk/client-lambda'));
  return new LambdaClient(awsOnly(target, 2));
}

/**
 * For Glue Schema Registry lookups; loaded when first used. The connection's own Glue endpoint
 * wins, then AWS_ENDPOINT_URL_GLUE (as the AWS CLI takes it), then AWS's in the region. Two
 * attempts: a version is fetched once per process, and one retry hides a dropped connection.
 */
export async function createGlueClient(target: AwsEndpoint): Promise<GlueClient> {
  const { GlueClient } = await loadSdk(() => import('@aws-sdk/client-glue'));
  const endpoint = target.endpoint || process.env.AWS_ENDPOINT_URL_GLUE || null;
  return new GlueClient({ ...awsOnly(target, 2), ...(endpoint ? { endpoint } : {}) });
}

export interface S3ClientOptions extends AwsEndpoint {
  readOnly?: KinesisClientOptions['readOnly'];
}

/**
 * For runs written to S3; loaded when first used. The connection's S3 endpoint wins, then
 * AWS_ENDPOINT_URL_S3 (as the AWS CLI takes it), then AWS's. Any endpoint gets path-style
 * addressing: a local S3 has no DNS name for each bucket. The SDK's three attempts retry only
 * transient failures; a conditional write's 409/412 comes back at once for its caller to judge.
 */
export async function createS3Client(options: S3ClientOptions): Promise<S3Client> {
  const { S3Client } = await loadSdk(() => import('@aws-sdk/client-s3'));
  const endpoint = options.endpoint || process.env.AWS_ENDPOINT_URL_S3 || null;
  const client = new S3Client({
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({
      // lib-storage sends up to four parts of one upload at once; a few uploads may run side by side.
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: requestTimeoutMs(),
      throwOnRequestTimeout: true,
    }),
  });
  if (options.readOnly) refuseWrites(client, options.readOnly.connection, options.readOnly.now);
  return client;
}

export interface SqsClientOptions extends AwsEndpoint {
  /** The queue read: its URL's origin is where the calls go. */
  queueUrl: string;
  readOnly?: KinesisClientOptions['readOnly'];
}

/**
 * For failure notices kept in an SQS queue (a Lambda on-failure destination); loaded when first
 * used. The queue's URL says where its calls go (its origin, on AWS or a local stand-in), never
 * the connection's Kinesis endpoint. A read-only connection receives and hands messages back, but
 * never deletes one (decision 0069).
 */
export async function createSqsClient(options: SqsClientOptions): Promise<SQSClient> {
  const { SQSClient } = await loadSdk(() => import('@aws-sdk/client-sqs'));
  const client = new SQSClient({ ...awsOnly(options, 3), endpoint: new URL(options.queueUrl).origin });
  if (options.readOnly) refuseWrites(client, options.readOnly.connection, options.readOnly.now);
  return client;
}

/** Runs `body` with a client and always releases its sockets. */
export async function using<C extends { destroy(): void }, T>(client: C, body: (client: C) => Promise<T>): Promise<T> {
  try {
    return await body(client);
  } finally {
    client.destroy();
  }
}
