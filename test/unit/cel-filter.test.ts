import { describe, expect, it } from 'vitest';
import type { DecodedRecord } from '../../main/domain/engine/decode/record';
import { checkExpression, compileFilter } from '../../main/domain/search/cel-filter';

const record = (value: unknown, partitionKey = 'user-1'): DecodedRecord =>
  ({
    shardId: 'shardId-000000000000',
    sequenceNumber: '1',
    subSequenceNumber: null,
    partitionKey,
    arrivalTime: '2026-11-28T00:00:00.000Z',
    size: 10,
    compression: null,
    encoding: typeof value === 'string' ? 'text' : 'json',
    value,
    bytes: Buffer.from(JSON.stringify(value)),
    error: null,
  }) as DecodedRecord;

describe('CEL filters with regular expressions', () => {
  it('matches with RE2 in both call forms, nested in other expressions', () => {
    const filter = compileFilter('data.name.matches("^ad[a-z]+$") && matches(partitionKey, "^user-\\\\d$") || size > 100');
    expect(filter(record({ name: 'admin' }))).toBe('match');
    expect(filter(record({ name: 'root' }))).toBe('no-match');
    expect(filter(record({ name: 'admin' }, 'other'))).toBe('no-match');
    expect(compileFilter('data.tags.exists(t, t.matches("^x"))')(record({ tags: ['a', 'xy'] }))).toBe('match');
  });

  it('keeps a catastrophic pattern linear on a hostile record', () => {
    const filter = compileFilter('data.matches("(a+)+$") && !data.matches("^(a|aa)+b$")');
    const started = performance.now();
    expect(filter(record('a'.repeat(100_000) + '!'))).toBe('no-match');
    expect(filter(record('a'.repeat(100_000)))).toBe('match');
    // A bound, not a figure: backtracking would take longer than the age of the universe, RE2 milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses patterns RE2 does not accept, and patterns that are not literals, before reading', () => {
    expect(checkExpression('data.matches("(?<=a)b")')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not an RE2 regular expression/),
    });
    expect(checkExpression('data.matches(partitionKey)')).toMatchObject({ ok: false, message: expect.stringMatching(/quoted string/) });
    expect(checkExpression('data.matches(')).toMatchObject({ ok: false, message: expect.stringMatching(/does not compile/) });
    expect(checkExpression('partitionKey.startsWith("u")')).toEqual({ ok: true, message: null });
  });

  it('refuses a name a record does not have instead of scanning everything and matching nothing', () => {
    expect(checkExpression('status == "FAILED"')).toEqual({
      ok: false,
      message: expect.stringMatching(/^unknown name status; did you mean data\.status\? An expression sees data, partitionKey/),
    });
    expect(checkExpression('data.items.exists(i, j > 1)').message).toMatch(/^unknown name j; did you mean data\.j\?/);
    expect(checkExpression('Size > 10').message).toMatch(/^unknown name Size; did you mean size\?/);
    expect(() => compileFilter('FAILED')).toThrow(/unknown name FAILED/);
    expect(checkExpression('data.items.exists(i, i > 1) && size > 10.5')).toEqual({ ok: true, message: null });
  });
});
