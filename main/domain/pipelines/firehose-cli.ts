import { transformLambdaCode } from './firehose-lambda';
import { firehoseNames, firehoseTemplate } from './firehose';
import type { PipelinePlan } from './pipeline-plan';

/** Shell variables the script sets before it uses them, standing in for the template's intrinsics. */
const knownRefs: Record<string, string> = {
  'AWS::AccountId': 'ACCOUNT_ID',
  'AWS::Region': 'REGION',
  'AWS::Partition': 'PARTITION',
};
const arnVars: Record<string, string> = {
  DeliveryRole: 'DELIVERY_ROLE_ARN',
  TransformRole: 'TRANSFORM_ROLE_ARN',
  TransformFunction: 'FUNCTION_ARN',
};

const token = (name: string) => `@@${name}@@`;

/** The template's intrinsics as tokens that become shell variables once the JSON is escaped for a heredoc. */
function resolve(value: unknown, names: ReturnType<typeof firehoseNames>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, names));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if ('Ref' in object) {
    const ref = object.Ref as string;
    if (ref === 'GlueDatabase') return names.database;
    if (ref === 'GlueTable') return names.table;
    return token(knownRefs[ref]!);
  }
  if ('Fn::GetAtt' in object) return token(arnVars[(object['Fn::GetAtt'] as string[])[0]!]!);
  if ('Fn::Sub' in object) return (object['Fn::Sub'] as string).replace(/\$\{([^}]+)\}/g, (_, ref: string) => token(knownRefs[ref]!));
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolve(v, names)]));
}

/** JSON for an unquoted heredoc: the shell expands only the variables the tokens stand for. */
function heredocJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(/[\\`$]/g, (c) => `\\${c}`);
  return text.replace(/@@([A-Z_]+)@@/g, (_, name: string) => `\${${name}}`);
}

const json = (value: unknown) => `"$(cat <<JSON\n${heredocJson(value)}\nJSON\n)"`;

/** The template's resources as AWS CLI calls, for accounts that deploy without CloudFormation. */
export function firehoseCliScript(plan: PipelinePlan, header: string[]): string {
  const names = firehoseNames(plan);
  const template = firehoseTemplate(plan, header) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
  const props = (name: string) => resolve(template.Resources[name]!.Properties, names) as Record<string, unknown>;
  const role = (name: string) =>
    props(name) as { RoleName: string; AssumeRolePolicyDocument: unknown; Policies: { PolicyName: string; PolicyDocument: unknown }[] };
  const transformRole = role('TransformRole');
  const deliveryRole = role('DeliveryRole');
  const table = props('GlueTable') as { TableInput: unknown };
  const delivery = props('DeliveryStream');
  return `#!/usr/bin/env bash
${header.map((line) => `# ${line}`).join('\n')}
#
# Deploy, either:
#   aws cloudformation deploy --region ${plan.region} --stack-name ${names.deliveryStream} \\
#     --template-file firehose.cfn.json --capabilities CAPABILITY_NAMED_IAM
# or run this script, which makes the same resources with the AWS CLI, one call each.
# Then read T, the delivery stream's start, and let the run reach T plus the margin:
#   aws firehose describe-delivery-stream --delivery-stream-name ${names.deliveryStream} \\
#     --query 'DeliveryStreamDescription.Source.KinesisStreamSourceDescription.DeliveryStartTimestamp'
set -euo pipefail
REGION=${plan.region}
export AWS_REGION="$REGION"
PARTITION=aws
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)

aws glue create-database --database-input '{"Name": "${names.database}"}'
aws glue create-table --database-name ${names.database} --table-input ${json(table.TableInput)}

TRANSFORM_ROLE_ARN=$(aws iam create-role --role-name ${transformRole.RoleName} --query Role.Arn --output text \\
  --assume-role-policy-document ${json(transformRole.AssumeRolePolicyDocument)})
aws iam put-role-policy --role-name ${transformRole.RoleName} --policy-name ${transformRole.Policies[0]!.PolicyName} \\
  --policy-document ${json(transformRole.Policies[0]!.PolicyDocument)}

WORK=$(mktemp -d)
cat > "$WORK/index.js" <<'JS'
${transformLambdaCode(plan)}JS
(cd "$WORK" && python3 -m zipfile -c transform.zip index.js)
# A new role takes a few seconds to be assumable by Lambda: try again until it is.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if FUNCTION_ARN=$(aws lambda create-function --function-name ${names.function} --runtime nodejs22.x --handler index.handler \\
    --role "$TRANSFORM_ROLE_ARN" --timeout 60 --memory-size 256 --zip-file "fileb://$WORK/transform.zip" \\
    --query FunctionArn --output text); then break; fi
  [ "$attempt" = 10 ] && exit 1
  sleep 6
done

DELIVERY_ROLE_ARN=$(aws iam create-role --role-name ${deliveryRole.RoleName} --query Role.Arn --output text \\
  --assume-role-policy-document ${json(deliveryRole.AssumeRolePolicyDocument)})
aws iam put-role-policy --role-name ${deliveryRole.RoleName} --policy-name ${deliveryRole.Policies[0]!.PolicyName} \\
  --policy-document ${json(deliveryRole.Policies[0]!.PolicyDocument)}
sleep 10

aws firehose create-delivery-stream --cli-input-json ${json(delivery)}
until [ "$(aws firehose describe-delivery-stream --delivery-stream-name ${names.deliveryStream} \\
  --query DeliveryStreamDescription.DeliveryStreamStatus --output text)" = ACTIVE ]; do sleep 10; done
echo "T (DeliveryStartTimestamp):"
aws firehose describe-delivery-stream --delivery-stream-name ${names.deliveryStream} \\
  --query 'DeliveryStreamDescription.Source.KinesisStreamSourceDescription.DeliveryStartTimestamp' --output text
`;
}
