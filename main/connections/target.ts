import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ActiveConnection } from '../../shared/contract';
import { AppError } from '../dispatch/app-error';
import { createKinesisClient } from '../kinesis/client';
import { SANDBOX_CREDENTIALS } from '../sandbox/sandbox';

/** Where Kinesis calls go. Credentials are resolved in main and never described outward. */
export type ConnectionTarget =
  | { kind: 'sandbox'; endpoint: string; region: string }
  | { kind: 'endpoint'; endpoint: string; region: string }
  | { kind: 'aws'; region: string };

export function describeTarget(target: ConnectionTarget): ActiveConnection {
  switch (target.kind) {
    case 'sandbox':
      return { kind: 'sandbox', label: 'Local sandbox', region: target.region, endpoint: target.endpoint };
    case 'endpoint':
      return { kind: 'endpoint', label: new URL(target.endpoint).host, region: target.region, endpoint: target.endpoint };
    case 'aws':
      return { kind: 'aws', label: `AWS ${target.region}`, region: target.region, endpoint: null };
  }
}

export function createClientFor(target: ConnectionTarget): KinesisClient {
  const credentials =
    target.kind === 'sandbox'
      ? SANDBOX_CREDENTIALS
      : target.kind === 'endpoint' && isLoopback(target.endpoint)
        ? chainOrLocal(fromNodeProviderChain())
        : fromNodeProviderChain();
  return createKinesisClient({ region: target.region, endpoint: target.kind === 'aws' ? null : target.endpoint, credentials });
}

/** Local Kinesis servers accept any keys: a machine with none configured can still use them. */
function chainOrLocal(chain: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  return async () => {
    try {
      return await chain();
    } catch {
      return { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' };
    }
  };
}

export function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface TargetFlags {
  endpoint?: string;
  region?: string;
}

/** The target named by --endpoint/--region and the standard AWS environment variables. */
export function targetFromFlags(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env): ConnectionTarget {
  const region = flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (flags.endpoint) {
    let url: URL;
    try {
      url = new URL(flags.endpoint);
    } catch {
      throw new AppError('invalid-input', `--endpoint must be a URL such as http://127.0.0.1:4567, not "${flags.endpoint}".`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AppError('invalid-input', `--endpoint must use http or https, not ${url.protocol}`);
    }
    return { kind: 'endpoint', endpoint: url.origin, region: region ?? 'us-east-1' };
  }
  if (!region) {
    throw new AppError('invalid-input', 'No AWS region: pass --region, or set AWS_REGION.');
  }
  return { kind: 'aws', region };
}
