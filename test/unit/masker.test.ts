import { describe, expect, it } from 'vitest';
import { maskingFileSchema, type MaskRule } from '../../shared/contract/masking';
import { RecordMasker, WITHHELD, MAX_MASK_DEPTH, MAX_SCANNED_STRING } from '../../main/domain/engine/mask/masker';
import { passesIbanCheck, passesLuhn } from '../../main/domain/engine/mask/detectors';
import type { DecodedRecord } from '../../main/domain/engine/decode/record';

const VALID_CARD = '4111111111111111';
const INVALID_CARD = '4111111111111112';
const KEY = Buffer.alloc(32, 7);

function jsonRecord(value: unknown, partitionKey = 'pk'): DecodedRecord {
  const bytes = Buffer.from(JSON.stringify(value));
  return {
    shardId: 'shardId-000000000000',
    sequenceNumber: '1',
    subSequenceNumber: null,
    partitionKey,
    arrivalTime: new Date(0).toISOString(),
    size: bytes.length,
    stored: bytes,
    bytes,
    compression: null,
    encoding: 'json',
    value,
    error: null,
  };
}

const order = {
  customer: { email: 'ann@example.com', name: 'Ann' },
  cards: [{ number: VALID_CARD }, { number: INVALID_CARD }],
  note: `paid by ${VALID_CARD}, ref ${INVALID_CARD}, mail bob@example.org`,
  iban: 'GB82 WEST 1234 5698 7654 32',
};

const masked = (rules: MaskRule[], value: unknown = order) => new RecordMasker(rules, KEY).mask(jsonRecord(value));

describe('masking rules', () => {
  it('redacts, partially keeps, hashes and drops by path, with [*] over arrays', () => {
    const out = masked([
      { path: 'data.customer.email', action: 'redact' },
      { path: 'data.cards[*].number', action: 'partial' },
      { path: 'data.customer.name', action: 'hash' },
      { path: 'data.iban', action: 'drop' },
    ]);
    const value = out.value as typeof order;
    expect(value.customer.email).toBe('***');
    expect(value.cards.map((card) => card.number)).toEqual(['***1111', '***1112']);
    expect(value.customer.name).toMatch(/^hmac:[\w-]{22}$/);
    expect(value).not.toHaveProperty('iban');
    expect(out.masked).toBe(true);
    expect(out.bytes.length + out.stored.length).toBe(0);
  });

  it('finds cards by the Luhn check only, emails and IBANs by their check, inside longer strings', () => {
    const out = masked([
      { detector: 'card', action: 'redact' },
      { detector: 'email', action: 'redact' },
      { detector: 'iban', action: 'partial' },
    ]);
    const text = JSON.stringify(out.value);
    expect(text).not.toContain(VALID_CARD);
    expect(text).toContain(INVALID_CARD);
    expect(text).not.toMatch(/example\.(com|org)/);
    expect((out.value as typeof order).note).toBe(`paid by ***, ref ${INVALID_CARD}, mail ***`);
    expect((out.value as typeof order).iban).toBe('***4 32');
    expect(passesLuhn(VALID_CARD)).toBe(true);
    expect(passesIbanCheck('GB82 WEST 1234 5698 7654 33')).toBe(false);
  });

  it('gives equal values equal hashes under one key, and different ones under another', () => {
    const rules: MaskRule[] = [{ detector: 'email', action: 'hash' }];
    const twice = masked(rules, { a: 'ann@example.com', b: ['ann@example.com'], c: 'bob@example.com' }).value as {
      a: string;
      b: string[];
      c: string;
    };
    expect(twice.a).toBe(twice.b[0]);
    expect(twice.a).not.toBe(twice.c);
    const other = new RecordMasker(rules, Buffer.alloc(32, 8)).mask(jsonRecord({ a: 'ann@example.com' })).value as { a: string };
    expect(other.a).not.toBe(twice.a);
  });

  it('counts what each rule masked, so a rule that masked nothing shows 0', () => {
    const masker = new RecordMasker(
      [
        { path: 'data.customer.email', action: 'redact' },
        { path: 'data.custmer.email', action: 'redact' },
      ],
      KEY,
    );
    masker.mask(jsonRecord(order));
    masker.mask(jsonRecord(order));
    expect(masker.report().map((line) => line.matched)).toEqual([2, 0]);
    expect(masker.report()[1]!.rule).toContain('data.custmer.email');
  });

  it('masks the partition key and withholds binary records whole', () => {
    const masker = new RecordMasker([{ detector: 'email', action: 'redact' }], KEY);
    expect(masker.mask(jsonRecord({}, 'ann@example.com')).partitionKey).toBe('***');
    const binary = { ...jsonRecord(null), encoding: 'binary' as const, value: Buffer.from('ann@example.com') };
    const out = masker.mask(binary);
    expect((out.value as Buffer).length).toBe(0);
    expect(out.error).toMatch(/Withheld/);
  });

  it('bounds hostile records: deep nesting, huge strings, a pathological pattern', () => {
    let deep: unknown = 'ann@example.com';
    for (let level = 0; level < MAX_MASK_DEPTH + 50; level++) deep = { next: deep };
    const text = JSON.stringify(masked([{ detector: 'email', action: 'redact' }], deep).value);
    expect(text).toContain(WITHHELD);
    expect(text).not.toContain('ann@example.com');
    const huge = `${'x'.repeat(MAX_SCANNED_STRING)}ann@example.com`;
    expect((masked([{ detector: 'email', action: 'redact' }], { huge }).value as { huge: string }).huge).toBe(WITHHELD);
    // Catastrophic for a backtracking engine; RE2 is linear in the text.
    const started = performance.now();
    const out = masked([{ pattern: '(a+)+b', action: 'redact' }], { s: 'a'.repeat(100_000) });
    expect((out.value as { s: string }).s).toHaveLength(100_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a file with a bad rule, naming its index', () => {
    const tooMany = { rules: Array.from({ length: 201 }, () => ({ detector: 'card', action: 'redact' })) };
    expect(maskingFileSchema.safeParse(tooMany).success).toBe(false);
    const bad = maskingFileSchema.safeParse({
      rules: [
        { detector: 'card', action: 'redact' },
        { path: 'customer.email', action: 'redact' },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['rules', 1, 'path']);
    expect(maskingFileSchema.safeParse({ rules: [{ pattern: '(', action: 'redact' }] }).error!.issues[0]!.message).toMatch(/RE2/);
    expect(maskingFileSchema.safeParse({ rules: [{ pattern: 'a', path: 'data.a', action: 'redact' }] }).success).toBe(false);
    expect(maskingFileSchema.safeParse({ rules: [{ pattern: 'x'.repeat(513), action: 'redact' }] }).success).toBe(false);
  });
});
