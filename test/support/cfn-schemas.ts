import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

// The generated template against AWS's own resource provider schemas (test/fixtures/cfn-schemas/SOURCE.md).
const folder = path.resolve('test/fixtures/cfn-schemas');
export const schemaFiles: Record<string, string> = {
  'AWS::KinesisFirehose::DeliveryStream': 'AWS_KinesisFirehose_DeliveryStream.json',
  'AWS::Glue::Database': 'AWS_Glue_Database.json',
  'AWS::Glue::Table': 'AWS_Glue_Table.json',
  'AWS::IAM::Role': 'AWS_IAM_Role.json',
  'AWS::Lambda::Function': 'AWS_Lambda_Function.json',
};

interface ProviderSchema {
  typeName: string;
  definitions?: object;
  properties: Record<string, object>;
  required?: string[];
  readOnlyProperties?: string[];
  additionalProperties?: boolean;
  oneOf?: object[];
  anyOf?: object[];
}

const validators = new Map<string, ValidateFunction>();

/** A validator of one type's Properties: its registry schema less what only the registry uses (read-only properties, handlers). */
function validatorFor(type: string): ValidateFunction {
  if (!validators.has(type)) validators.set(type, compile(type));
  return validators.get(type)!;
}

function compile(type: string): ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true, unicodeRegExp: false });
  ajv.addKeyword({ keyword: 'insertionOrder', schemaType: 'boolean' });
  ajv.addKeyword({ keyword: 'relationshipRef', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'arrayType', schemaType: 'string' });
  for (const format of [
    'json',
    'AWS::IAM::Role.Arn',
    'AWS::Logs::LogGroup.Name',
    'AWS::EC2::SecurityGroup.Id',
    'AWS::EC2::SecurityGroup.Ids',
    'AWS::EC2::Subnet.Id',
    'AWS::EC2::Subnet.Ids',
  ])
    ajv.addFormat(format, true);
  const schema = JSON.parse(readFileSync(path.join(folder, schemaFiles[type]!), 'utf8')) as ProviderSchema;
  if (schema.typeName !== type) throw new Error(`${schemaFiles[type]} holds ${schema.typeName}, not ${type}.`);
  const readOnly = new Set((schema.readOnlyProperties ?? []).map((p) => p.replace('/properties/', '')));
  return ajv.compile({
    type: 'object',
    definitions: schema.definitions,
    required: schema.required,
    properties: Object.fromEntries(Object.entries(schema.properties).filter(([name]) => !readOnly.has(name))),
    additionalProperties: schema.additionalProperties ?? false,
    ...(schema.oneOf && { oneOf: schema.oneOf }),
    ...(schema.anyOf && { anyOf: schema.anyOf }),
  });
}

/**
 * Intrinsic functions stand for values CloudFormation fills in: each is replaced by a value of the
 * shape the property takes, so that the schema judges everything else as written.
 */
function withoutIntrinsics(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIntrinsics);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if ('Fn::GetAtt' in object) return 'arn:aws:iam::123456789012:role/stand-in';
  if ('Fn::Sub' in object) return (object['Fn::Sub'] as string).replace(/\$\{[^}]+\}/g, 'x');
  if ('Ref' in object) return object.Ref === 'AWS::AccountId' ? '123456789012' : object.Ref === 'AWS::Region' ? 'eu-west-1' : 'stand_in';
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, withoutIntrinsics(v)]));
}

export type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

/** Each resource's schema errors, by logical name; empty when every resource is valid. */
export function errorsOf(template: Template): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, resource] of Object.entries(template.Resources)) {
    const validate = validatorFor(resource.Type);
    if (!validate(withoutIntrinsics(resource.Properties))) out[name] = validate.errors;
  }
  return out;
}
