import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calls } from '../../shared/contract';

/** Every string without a length bound and every array without an item bound, by path. */
function unbounded(node: unknown, path: string, found: string[] = []): string[] {
  if (!node || typeof node !== 'object') return found;
  const schema = node as Record<string, unknown>;
  const fixed = schema.enum !== undefined || schema.const !== undefined || schema.format !== undefined;
  if (schema.type === 'string' && schema.maxLength === undefined && !fixed) found.push(`${path} (a string)`);
  if (schema.type === 'array' && schema.maxItems === undefined) found.push(`${path} (a list)`);
  for (const [key, value] of Object.entries(schema)) {
    if (Array.isArray(value)) value.forEach((item, i) => unbounded(item, `${path}.${key}[${i}]`, found));
    else if (value && typeof value === 'object') unbounded(value, `${path}.${key}`, found);
  }
  return found;
}

describe('the contract bounds what strangers can send', () => {
  it('gives every string and list in every call input a maximum', () => {
    const found = Object.entries(calls).flatMap(([name, call]) =>
      unbounded(z.toJSONSchema(call.input as z.ZodType, { io: 'input', unrepresentable: 'any' }), name),
    );
    expect(found).toEqual([]);
  });
});
