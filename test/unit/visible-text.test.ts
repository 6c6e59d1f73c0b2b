import { describe, expect, it } from 'vitest';
import { terminalJson, visible, visibleLines } from '../../main/hosts/cli/terminal-text';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('text from records on a terminal', () => {
  it('shows escape sequences, bells, carriage returns and bidi overrides instead of running them', () => {
    const hostile = '\u001b[2J\u001b]0;pwned\u0007red\rover\u009b31m\u202eevil\u061c\u2067';
    const shown = visible(hostile);
    expect(shown).toBe('\\x1b[2J\\x1b]0;pwned\\x07red\\x0dover\\u009b31m\\u202eevil\\u061c\\u2067');
    expect(shown).not.toMatch(RAW);
  });

  it('keeps one field on one line, and a message its lines', () => {
    expect(visible('owner\nforged row\tx')).toBe('owner\\x0aforged row\\x09x');
    expect(visibleLines('line one\n\tline two\u0085')).toBe('line one\n\tline two\\u0085');
  });

  it('writes JSON whose controls are escaped and which parses back to the same value', () => {
    const value = { key: 'a\u0085b\u202ec\u2066d\u200ee\u007ff\u0000g', n: 1 };
    const text = terminalJson(value);
    expect(text).not.toMatch(RAW);
    expect(text).toContain('a\\u0085b\\u202ec\\u2066d\\u200ee\\u007ff\\u0000g');
    expect(JSON.parse(text)).toEqual(value);
    expect(JSON.parse(terminalJson(value, 2))).toEqual(value);
  });

  it('leaves ordinary text, including non-Latin scripts and emoji, as it is', () => {
    expect(visible('Grüße, 世界 🚀 {"a":1}')).toBe('Grüße, 世界 🚀 {"a":1}');
    expect(terminalJson({ s: 'Grüße, 世界 🚀' })).toBe('{"s":"Grüße, 世界 🚀"}');
  });
});
