import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { FakeIamHandler } from './fake-sts';
import type { PolicyDocument } from './iam-proxy';

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const list = (params: URLSearchParams, name: string) =>
  [...params.entries()].filter(([key]) => key.startsWith(`${name}.member.`)).map(([, value]) => value);

/**
 * IAM's policy simulator on loopback: SimulatePrincipalPolicy evaluated by a real policy engine
 * over the policies given per principal, answered in IAM's XML. Keys in `simulators` may call it.
 */
export function fakeIam(policiesOf: Map<string, PolicyDocument[]>, simulators: Set<string>): FakeIamHandler {
  return async (params, signer) => {
    if (!simulators.has(signer)) {
      return [
        403,
        `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: iam:${params.get('Action')}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
      ];
    }
    if (params.get('Action') === 'GetRole') {
      const name = params.get('RoleName');
      return [
        200,
        `<GetRoleResponse xmlns="${NS}"><GetRoleResult><Role><Path>/team/</Path><RoleName>${name}</RoleName><RoleId>AROATEST</RoleId><Arn>arn:aws:iam::123456789012:role/team/${name}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role></GetRoleResult></GetRoleResponse>`,
      ];
    }
    const principal = params.get('PolicySourceArn') ?? '';
    const policies = policiesOf.get(principal) ?? [];
    const members: string[] = [];
    for (const resource of list(params, 'ResourceArns')) {
      for (const action of list(params, 'ActionNames')) {
        const result = await runSimulation(
          {
            request: { principal, action, resource: { resource, accountId: '123456789012' }, contextVariables: {} },
            identityPolicies: policies.map((policy, index) => ({ name: `policy-${index}`, policy })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
          },
          {},
        );
        const single = result.resultType === 'single' ? result : null;
        const decision =
          single?.overallResult === 'Allowed' ? 'allowed' : single?.overallResult === 'ExplicitlyDenied' ? 'explicitDeny' : 'implicitDeny';
        const analysis = (
          single?.result as {
            analysis?: { identityAnalysis?: { allowStatements?: { policyId: string }[]; denyStatements?: { policyId: string }[] } };
          }
        )?.analysis?.identityAnalysis;
        const matched =
          decision === 'explicitDeny' ? (analysis?.denyStatements ?? []) : decision === 'allowed' ? (analysis?.allowStatements ?? []) : [];
        members.push(
          `<member><EvalActionName>${action}</EvalActionName><EvalResourceName>${resource}</EvalResourceName><EvalDecision>${decision}</EvalDecision><MatchedStatements>${matched
            .map(
              (m) =>
                `<member><SourcePolicyId>${m.policyId}</SourcePolicyId><StartPosition><Line>1</Line><Column>1</Column></StartPosition></member>`,
            )
            .join('')}</MatchedStatements><MissingContextValues/></member>`,
        );
      }
    }
    return [
      200,
      `<SimulatePrincipalPolicyResponse xmlns="${NS}"><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults>${members.join('')}</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`,
    ];
  };
}
