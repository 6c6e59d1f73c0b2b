import { describe, expect, it } from 'vitest';
import { visible } from '../../main/hosts/cli/commands/tail';

describe('text from records on a terminal', () => {
  it('shows escape sequences, bells, carriage returns and bidi overrides instead of running them', () => {
    const hostile = '\u001b[2J\u001b]0;pwned\u0007red\rover\u009b31m\u202eevil';
    const shown = visible(hostile);
    expect(shown).toBe('\\x1b[2J\\x1b]0;pwned\\x07red\\x0dover\\x9b31m\\u202eevil');
    // Nothing a terminal would act on is left.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('leaves ordinary text, including non-Latin scripts and emoji, as it is', () => {
    expect(visible('Grüße, 世界 🚀 {"a":1}')).toBe('Grüße, 世界 🚀 {"a":1}');
  });
});
