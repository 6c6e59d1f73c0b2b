import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { createCredentialChain, fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import {
  checkedEndpoint,
  effectiveReadBudget,
  isLoopbackEndpoint,
  SANDBOX_CONNECTION,
  type ActiveConnection,
  type ReadBudget,
  type ReadBudgetSetting,
} from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { createKinesisClient, type AwsEndpoint } from '../../aws/clients';
import { SANDBOX_CREDENTIALS } from './sandbox-host';
import type { RegistryAuthSetting } from './schema-registry/registry-secrets';

/** Where Kinesis calls go, and with what credentials. Only main holds one of these. */
export type ConnectionTarget = (
  | { kind: 'sandbox'; endpoint: string; region: string }
  | { kind: 'endpoint'; endpoint: string; region: string; profile?: string | null; credentials?: AwsCredentialIdentityProvider }
  | { kind: 'aws'; region: string; profile?: string | null; credentials?: AwsCredentialIdentityProvider }
) & {
  /** The connection's own read budget; the default for where it points where it names none. */
  readBudget?: ReadBudgetSetting | null;
  /** Every write is refused, in the handlers and in the client itself. The sandbox is always writable. */
  readOnly?: boolean;
  /** Whether it is read-only at this moment (a saved connection switched while a writer runs). */
  readOnlyNow?: () => boolean;
  /** Its read budget at this moment (a saved connection's budget changed while a reader runs). */
  readBudgetNow?: () => ReadBudget;
  /** Where its KCL lease tables are: a local DynamoDB (dynalite in the sandbox); absent, AWS's in its region. */
  dynamodbEndpoint?: string | null;
  /** Where its Glue Schema Registry calls go (the sandbox's stand-in); absent, AWS_ENDPOINT_URL_GLUE or AWS's. */
  glueEndpoint?: string | null;
  /** Where its S3 calls go (the sandbox's local S3); absent, AWS_ENDPOINT_URL_S3 or AWS's. */
  s3Endpoint?: string | null;
  /** A Confluent-compatible registry for Confluent-framed records; its secret is in the keychain under the profile's name. */
  schemaRegistry?: { url: string; auth: RegistryAuthSetting } | null;
};

/**
 * A loopback endpoint is a local server with nobody else reading: it gets the whole budget.
 * Any other endpoint may be AWS behind a private link, shared with production consumers.
 */
export function readBudgetOf(target: ConnectionTarget): ReadBudget {
  const local = target.kind === 'sandbox' || (target.kind === 'endpoint' && isLoopbackEndpoint(target.endpoint));
  return effectiveReadBudget(target.readBudget, local);
}

/** The budget a reader of the target paces itself by, asked again at each call. */
export function liveReadBudget(target: ConnectionTarget): () => ReadBudget {
  const fixed = readBudgetOf(target);
  return target.readBudgetNow ?? (() => fixed);
}

export function describeTarget(target: ConnectionTarget): ActiveConnection {
  const readBudget = readBudgetOf(target);
  const readOnly = target.kind !== 'sandbox' && Boolean(target.readOnly);
  const described = describeKind(target, readBudget, readOnly);
  // Only the registry's host: what a window needs to offer its schemas, never how it signs in.
  return target.schemaRegistry ? { ...described, schemaRegistry: new URL(target.schemaRegistry.url).host } : described;
}

function describeKind(target: ConnectionTarget, readBudget: ActiveConnection['readBudget'], readOnly: boolean): ActiveConnection {
  switch (target.kind) {
    case 'sandbox':
      return {
        kind: 'sandbox',
        profile: null,
        label: SANDBOX_CONNECTION,
        region: target.region,
        endpoint: target.endpoint,
        readBudget,
        readOnly,
      };
    case 'endpoint':
      return {
        kind: 'endpoint',
        profile: target.profile ?? null,
        label: target.profile ?? new URL(target.endpoint).host,
        region: target.region,
        endpoint: target.endpoint,
        readBudget,
        readOnly,
      };
    case 'aws':
      return {
        kind: 'aws',
        profile: target.profile ?? null,
        label: target.profile ?? `AWS ${target.region}`,
        region: target.region,
        endpoint: null,
        readBudget,
        readOnly,
      };
  }
}

/** The credentials a target signs with: its own, or the default chain. */
export function credentialsOf(target: ConnectionTarget): AwsCredentialIdentityProvider {
  if (target.kind === 'sandbox') return async () => SANDBOX_CREDENTIALS;
  if (target.credentials) return target.credentials;
  return target.kind === 'endpoint' && isLoopbackEndpoint(target.endpoint) ? localCredentials() : fromNodeProviderChain();
}

/**
 * For a server on this machine, which accepts any keys: the environment's or the default
 * profile's if there are any, else placeholders. Not the rest of the default chain: asking the
 * instance metadata service from a laptop only adds its timeout to every command.
 */
export function localCredentials(): AwsCredentialIdentityProvider {
  return chainOrLocal(createCredentialChain(fromEnv(), fromIni({ ignoreCache: false })));
}

/** What the AWS client factory needs of a target; the one gate every client passes. */
export function endpointOf(target: ConnectionTarget): AwsEndpoint {
  if (target.kind === 'endpoint') checkEndpoint(target.endpoint);
  return { region: target.region, endpoint: target.kind === 'aws' ? null : target.endpoint, credentials: credentialsOf(target) };
}

export function createClientFor(target: ConnectionTarget, options: { maxAttempts?: number } = {}): KinesisClient {
  const { label } = describeTarget(target);
  const now = () => target.kind !== 'sandbox' && (target.readOnlyNow?.() ?? Boolean(target.readOnly));
  // Every client of a connection that can be read-only carries the guard; it asks at each call.
  return createKinesisClient({
    ...endpointOf(target),
    ...options,
    readOnly: target.kind === 'sandbox' ? null : { connection: label, now },
  });
}

/** Local Kinesis servers accept any keys: a machine with none configured can still use them. */
export function chainOrLocal(chain: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  return async () => {
    try {
      return await chain();
    } catch {
      return { accessKeyId: 'LOCAL', secretAccessKey: 'LOCAL' };
    }
  };
}

/** An endpoint a connection may sign requests to: a URL, and https unless it is on this machine. */
export function checkEndpoint(endpoint: string): string {
  const checked = checkedEndpoint(endpoint);
  if ('problem' in checked) throw new AppError('invalid-input', checked.problem);
  return checked.origin;
}
