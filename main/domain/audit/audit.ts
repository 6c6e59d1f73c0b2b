import type { ActiveConnection, AuditOutcome } from '../../../shared/contract';
import type { ConnectionTarget } from '../connections/target';
import { connectionIdentity } from '../plans/plan-tokens';
import { AuditLog, type AuditLogOptions } from './audit-log';
import { CallerIdentities } from './caller-identity';

/** One change as any change path reports it. */
export interface AuditChange {
  /** The change: a contract call's name, or a domain action such as 'masking:unmask'. */
  action: string;
  /** The connection it ran on; null when it opened none (a saved connection edited). */
  on: { active: ActiveConnection; target: ConnectionTarget } | null;
  stream: string | null;
  summary: string;
  /** Names, positions and counts, built field by field: never record data, never a secret. */
  plan: Record<string, unknown>;
  /** The confirmed plan's token, where the change needed one. */
  token: string | null;
  outcome: AuditOutcome;
}

/**
 * The audit trail every change path writes to: `record` names who (the OS user, the connection
 * and its AWS identity, asked of STS once per connection), what and how it ended.
 */
export class Audit {
  readonly log: AuditLog;
  private readonly identities = new CallerIdentities();

  constructor(dataDir: string, options: AuditLogOptions) {
    this.log = new AuditLog(dataDir, options);
  }

  record({ action, on, stream, summary, plan, token, outcome }: AuditChange): Promise<void> {
    const connection = on && { name: on.active.label, kind: on.active.kind, region: on.active.region, endpoint: on.active.endpoint };
    const identity = on
      ? () => this.identities.of(connectionIdentity(on.active), on.target)
      : () => Promise.resolve({ account: null, arn: null, identityUnknown: 'no connection was open' });
    return this.log.record({ action, connection, identity, stream, summary, plan, token, outcome });
  }
}
