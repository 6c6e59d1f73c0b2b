import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ReadBudget } from '../../../shared/contract';
import type { StoredProfile } from './profile-file';
import { checkEndpoint, readBudgetOf, type ConnectionTarget } from './target';

export interface LiveProfileSettings {
  credentials: AwsCredentialIdentityProvider;
  /** The profile as saved now: a budget or read-only switch saved while a read runs applies to its next call. */
  current(): StoredProfile;
  /** Every connection of this process refuses writes (the CLI's --read-only). */
  processReadOnly: boolean;
}

/** The target for a saved profile: its region and endpoints, signing with its own credentials. */
export function profileTarget(profile: StoredProfile, live: LiveProfileSettings): ConnectionTarget {
  if (profile.endpoint) checkEndpoint(profile.endpoint);
  const common = {
    profile: profile.name,
    credentials: live.credentials,
    readBudget: profile.readBudget ?? null,
    readOnly: Boolean(profile.readOnly),
    dynamodbEndpoint: profile.dynamodbEndpoint ? checkEndpoint(profile.dynamodbEndpoint) : null,
    glueEndpoint: profile.glueEndpoint ? checkEndpoint(profile.glueEndpoint) : null,
    s3Endpoint: profile.s3Endpoint ? checkEndpoint(profile.s3Endpoint) : null,
    schemaRegistry: profile.schemaRegistry ?? null,
    // Asked at each write: switched to read-only in this process, a running writer stops at its next call.
    readOnlyNow: () => Boolean(live.processReadOnly || live.current().readOnly),
  };
  const target: ConnectionTarget = profile.endpoint
    ? { kind: 'endpoint', endpoint: profile.endpoint, region: profile.region, ...common }
    : { kind: 'aws', region: profile.region, ...common };
  // Asked at each read: a budget saved while a preview runs paces its next call.
  target.readBudgetNow = () => readBudgetOf({ ...target, readBudget: live.current().readBudget ?? null });
  return target;
}

/** This process's flags (the CLI's) over what the connection is saved with. */
export function withProcessOverrides(
  chosen: ConnectionTarget,
  overrides: { readBudget?: Partial<ReadBudget>; readOnly?: boolean },
): ConnectionTarget {
  const override = overrides.readBudget;
  const live = chosen.readBudgetNow;
  const budgeted: ConnectionTarget = override
    ? { ...chosen, readBudget: { ...readBudgetOf(chosen), ...override }, readBudgetNow: live && (() => ({ ...live(), ...override })) }
    : chosen;
  return overrides.readOnly ? { ...budgeted, readOnly: true } : budgeted;
}
