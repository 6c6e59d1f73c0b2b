import type { StreamChange } from '../../shared/contract';
import type { CliTarget } from '../../shared/aws-cli';
import { AppError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import { applyChange } from '../domain/admin/apply-change';
import { planChange } from '../domain/admin/plan-change';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import { connectionIdentity, type PlanScope, type PlanTokens } from '../domain/plans/plan-tokens';
import { assertWritable } from '../domain/writes/write-guard';
import { writeTargetOf } from '../domain/writes/write-target';

/** The IAM action a change is refused under on a read-only connection. */
export const actionOfChange: Record<StreamChange['type'], string> = {
  create: 'CreateStream',
  delete: 'DeleteStream',
  reshard: 'UpdateShardCount',
  split: 'SplitShard',
  merge: 'MergeShards',
  retention: 'IncreaseStreamRetentionPeriod',
  mode: 'UpdateStreamMode',
  encryption: 'StartStreamEncryption',
  monitoring: 'EnableEnhancedMonitoring',
  tags: 'AddTagsToStream',
  consumer: 'RegisterStreamConsumer',
};

/** The same connection, as the AWS CLI would be told it: region, endpoint, and a shared-config profile if it uses one. */
export function cliTargetOf(connections: ConnectionManager, owner: SessionOwner): CliTarget {
  const active = connections.active(owner);
  let awsProfile: string | null = null;
  if (active.profile) {
    let saved: ReturnType<ConnectionManager['get']> | null = null;
    try {
      saved = connections.get(active.profile);
    } catch {
      // Not a saved connection: an AWS shared-config profile opened by name.
    }
    awsProfile = saved ? (saved.source.type === 'aws-profile' ? saved.source.awsProfile : null) : active.profile;
  }
  return { region: active.region, endpoint: active.kind === 'aws' ? null : active.endpoint, awsProfile };
}

export function adminHandlers(connections: ConnectionManager, tokens: PlanTokens): Pick<Handlers, 'admin:plan' | 'admin:apply'> {
  const scopeOf = (owner: SessionOwner, change: StreamChange): PlanScope => ({
    kind: 'stream-change',
    owner: owner.id,
    connection: connectionIdentity(connections.active(owner)),
    stream: change.stream,
  });
  return {
    'admin:plan': async ({ change, toApply }, owner) => {
      // A plan made to be applied is refused at once on a read-only connection, before anyone is asked to confirm it.
      if (toApply) assertWritable(connections.active(owner), actionOfChange[change.type], change.stream);
      const client = connections.client(owner);
      const [plan, target] = await Promise.all([
        planChange(client, change, cliTargetOf(connections, owner)),
        writeTargetOf(connections.active(owner), connections.target(owner), client, change.stream),
      ]);
      return { ...plan, target, token: tokens.issue(scopeOf(owner, change), { change, plan }) };
    },
    'admin:apply': async ({ change, token }, owner) => {
      assertWritable(connections.active(owner), actionOfChange[change.type], change.stream);
      // Planned again: the stream as it is now must still give the plan that was confirmed.
      const plan = await planChange(connections.client(owner), change, cliTargetOf(connections, owner));
      tokens.redeem(token, scopeOf(owner, change), { change, plan });
      if (plan.blockers.length) throw new AppError('invalid-input', plan.blockers.join(' '));
      const steps = await applyChange(connections.client(owner), change);
      return { applied: true, steps, awsCli: plan.awsCli };
    },
  };
}
