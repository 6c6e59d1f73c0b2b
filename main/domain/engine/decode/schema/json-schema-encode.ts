import { Ajv, type ErrorObject, type Options } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SchemaEncodeError } from './schema-encode-error';

export interface JsonSchemaEncoder {
  encode(value: unknown): Buffer;
}

// GSR schemas may carry Java's non-standard "className" keyword, which strict mode refuses.
const OPTIONS: Options = { strict: false, allErrors: false, validateFormats: true };

/** The validator for the draft the schema names: 2019-09 and 2020-12 have their own classes; 06, 07 and none take the default. */
function validatorFor(schema: Record<string, unknown>): Ajv {
  const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
  const ajv = draft.includes('2020-12') ? new Ajv2020(OPTIONS) : draft.includes('2019-09') ? new Ajv2019(OPTIONS) : new Ajv(OPTIONS);
  addFormats.default(ajv);
  return ajv;
}

/** Ajv's /a/0/b as $.a[0].b, the path every other schema error names. */
function pathOf(error: ErrorObject): string {
  const steps = error.instancePath
    .split('/')
    .slice(1)
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '$';
  for (const step of steps)
    path += /^\d+$/.test(step) ? `[${step}]` : /^[A-Za-z_$][\w$]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
  if (error.keyword === 'required') path += `.${(error.params as { missingProperty: string }).missingProperty}`;
  return path;
}

/**
 * GSR's JSON format: the value validated against the JSON Schema (AWS's serializer validates
 * too), then its UTF-8 JSON text, as Jackson's writeValueAsBytes gives it.
 */
export function compileJsonSchemaEncoder(definition: string): JsonSchemaEncoder {
  let schema: unknown;
  try {
    schema = JSON.parse(definition);
  } catch {
    // Not the parser's message: it quotes the text, and a file chosen by mistake may hold secrets.
    throw new SchemaEncodeError('$', 'the JSON Schema is not valid JSON');
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    throw new SchemaEncodeError('$', 'the JSON Schema is not a JSON object');
  let validate: ReturnType<Ajv['compile']>;
  try {
    const document = { ...(schema as Record<string, unknown>) };
    // Draft-04's meta-schema is not bundled with Ajv; its keywords mostly read the same under draft-07.
    if (typeof document.$schema === 'string' && document.$schema.includes('draft-04')) delete document.$schema;
    validate = validatorFor(document).compile(document);
  } catch (error) {
    throw new SchemaEncodeError('$', `the JSON Schema cannot be used: ${(error as Error).message}`);
  }
  return {
    encode(value) {
      if (!validate(value)) {
        const first = validate.errors![0]!;
        throw new SchemaEncodeError(pathOf(first), first.message ?? `fails the schema's ${first.keyword}`);
      }
      return Buffer.from(JSON.stringify(value), 'utf8');
    },
  };
}
