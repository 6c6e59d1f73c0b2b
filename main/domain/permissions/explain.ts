import type { EvaluationResult } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createIamClient, createStsClient, loadSdk } from '../../aws/clients';
import { classifyAwsError } from '../../aws/errors';
import type { Explanation } from '../../../shared/contract';
import { endpointOf, type ConnectionTarget } from '../connections/target';
import { actionCatalog } from './catalog';

const unavailable = (reason: string, principalArn: string | null = null): Explanation => ({
  available: false,
  reason,
  principalArn,
  results: [],
});

/** An assumed-role session's ARN names its role without the role's path; IAM wants the role's own ARN. */
export function roleArnOfSession(arn: string): { roleName: string; roleArn: string } | null {
  const match = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return match ? { roleName: match[3]!, roleArn: `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` } : null;
}

/**
 * Asks the IAM policy simulator which statement allows or denies each action for the caller.
 * Only AWS has it, and only for callers allowed iam:SimulatePrincipalPolicy; otherwise it says so.
 */
export async function explainWithSimulator(target: ConnectionTarget, stream: string): Promise<Explanation> {
  if (target.kind !== 'aws') return unavailable('The IAM policy simulator exists only on AWS, not on a custom endpoint.');
  const sts = createStsClient(endpointOf(target));
  const iam = await createIamClient(endpointOf(target));
  const { GetRoleCommand, SimulatePrincipalPolicyCommand } = await loadSdk(() => import('@aws-sdk/client-iam'));
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const caller = identity.Arn ?? '';
    const partition = caller.split(':')[1] ?? 'aws';
    const streamArn = `arn:${partition}:kinesis:${target.region}:${identity.Account}:stream/${stream}`;
    let principalArn = caller;
    const session = roleArnOfSession(caller);
    if (session) {
      // The role's path is not in the session ARN; GetRole knows it, where the caller may ask.
      principalArn =
        (await iam
          .send(new GetRoleCommand({ RoleName: session.roleName }))
          .then((r) => r.Role?.Arn)
          .catch(() => null)) ?? session.roleArn;
    } else if (!/:iam::\d{12}:(user|role)\//.test(caller)) {
      return unavailable(`The simulator explains IAM users and roles; the caller is ${caller}.`, caller);
    }
    const simulate = (actions: string[], resource: string) =>
      iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: principalArn, ActionNames: actions, ResourceArns: [resource] }));
    const accountWide = actionCatalog.filter((s) => s.resource === 'account').map((s) => s.action);
    const onStream = actionCatalog.filter((s) => s.resource === 'stream').map((s) => s.action);
    const onTables = actionCatalog.filter((s) => s.resource === 'lease-table').map((s) => s.action);
    const tables = `arn:${partition}:dynamodb:${target.region}:${identity.Account}:table/*`;
    const answers = await Promise.all([simulate(accountWide, '*'), simulate(onStream, streamArn), simulate(onTables, tables)]);
    const results = answers
      .flatMap((a) => a.EvaluationResults ?? [])
      .map((r: EvaluationResult) => ({
        action: r.EvalActionName ?? '',
        decision: r.EvalDecision ?? 'unknown',
        statements: (r.MatchedStatements ?? []).map((s) => ({
          policy: s.SourcePolicyId ?? 'unnamed policy',
          startLine: s.StartPosition?.Line ?? null,
        })),
      }));
    return { available: true, reason: null, principalArn, results };
  } catch (error) {
    const failure = classifyAwsError(error);
    return unavailable(
      failure.failure === 'access-denied'
        ? `These credentials may not use the IAM policy simulator: ${failure.message}`
        : `The IAM policy simulator could not be used: ${failure.name}: ${failure.message}`,
    );
  } finally {
    sts.destroy();
    iam.destroy();
  }
}
