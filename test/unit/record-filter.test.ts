import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../shared/record-filter';
import type { PreviewRecord } from '../../shared/contract';

const record = (json: unknown, partitionKey = 'pk'): PreviewRecord => ({
  id: 'x',
  shardId: 's',
  sequenceNumber: '1',
  subSequenceNumber: null,
  partitionKey,
  arrivalTime: '',
  size: 1,
  compression: null,
  encoding: json === undefined ? 'text' : 'json',
  ...(json === undefined ? {} : { json }),
  text: json === undefined ? 'plain text line' : JSON.stringify(json),
  truncated: false,
  error: null,
});

const matches = (filter: Partial<{ text: string; regex: boolean; field: string }>, r: PreviewRecord) => {
  const compiled = compileFilter({ text: '', regex: false, field: '', ...filter });
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.test(r);
};

describe('compileFilter', () => {
  it('matches text in the record or its partition key, any case', () => {
    expect(matches({ text: 'PLAIN' }, record(undefined))).toBe(true);
    expect(matches({ text: 'user-7' }, record(undefined, 'USER-7'))).toBe(true);
    expect(matches({ text: 'absent' }, record(undefined))).toBe(false);
  });

  it('matches a regular expression, and reports a broken one', () => {
    expect(matches({ text: '^plain\\s+te', regex: true }, record(undefined))).toBe(true);
    expect(compileFilter({ text: '(', regex: true, field: '' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Not a valid regular expression/),
    });
  });

  it('runs a catastrophic pattern in linear time over a hostile record', () => {
    const hostile = { ...record(undefined), text: 'a'.repeat(100_000) + '!' };
    const started = performance.now();
    expect(matches({ text: '(a+)+$', regex: true }, hostile)).toBe(false);
    expect(matches({ text: '(a+)+!$', regex: true }, hostile)).toBe(true);
    expect(matches({ text: '^(a|aa)+b$', regex: true }, hostile)).toBe(false);
    // Backtracking would take longer than the age of the universe here; RE2 takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('takes the CEL expressions Search takes', () => {
    const order = record({ status: 'FAILED', total: { amount: 120.5 }, items: [1] }, 'user-7');
    expect(matches({ field: 'data.status == "FAILED"' }, order)).toBe(true);
    expect(matches({ field: 'data.status != "PAID"' }, order)).toBe(true);
    expect(matches({ field: 'data.total.amount > 100 && partitionKey.startsWith("user-")' }, order)).toBe(true);
    expect(matches({ field: 'data.total.amount <= 100' }, order)).toBe(false);
    expect(matches({ field: 'data.status.matches("(?i)^fail")' }, order)).toBe(true);
    expect(matches({ field: 'size(data.items) == 1 && shardId == "s"' }, order)).toBe(true);
    expect(matches({ field: 'data.missing.path == 1' }, order)).toBe(false);
    expect(matches({ field: 'data.contains("plain")' }, record(undefined))).toBe(true);
  });

  it('refuses a name a record does not have, with what was probably meant', () => {
    expect(compileFilter({ text: '', regex: false, field: 'status == "FAILED"' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^unknown name status; did you mean data\.status\?/),
    });
    expect(compileFilter({ text: '', regex: false, field: 'partitionkey == "a"' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^unknown name partitionkey; did you mean partitionKey\?/),
    });
  });

  it('says so when a filter is typed into the wrong field', () => {
    expect(compileFilter({ text: '', regex: false, field: 'just words' })).toEqual({
      ok: false,
      error: expect.stringContaining('To find words anywhere in a record, type them in the text filter.'),
    });
    expect(compileFilter({ text: 'data.status == "FAILED"', regex: false, field: '' })).toMatchObject({
      ok: true,
      hint: expect.stringContaining('goes in the expression field'),
    });
    expect(compileFilter({ text: 'total.amount > 100', regex: false, field: '' })).toMatchObject({ ok: true, hint: expect.any(String) });
    expect(compileFilter({ text: 'FAILED order 7', regex: false, field: '' })).toMatchObject({ ok: true, hint: null });
    expect(compileFilter({ text: 'a|b', regex: true, field: '' })).toMatchObject({ ok: true, hint: null });
  });
});
