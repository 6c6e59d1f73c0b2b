import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, checkChain, lineHash } from '../../main/domain/audit/audit-chain';

function chain(count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = {
      action: 'writes:put',
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      who: { osUser: 'me', host: 'cli', connection: null, account: null, arn: null },
      what: { summary: `put ${i}`, stream: 's', plan: {}, token: null },
      outcome: { status: 'succeeded', summary: 'ok' },
      previous: lines.length ? lineHash(lines.at(-1)!) : AUDIT_GENESIS,
    };
    lines.push(JSON.stringify(entry));
  }
  return lines;
}
const headOf = (lines: string[]) => ({ lines: lines.length, last: lineHash(lines.at(-1)!) });

describe('the audit chain', () => {
  it('holds for a log as written, and for one a writer left one line past its head', () => {
    const lines = chain(4);
    expect(checkChain(lines, headOf(lines))).toEqual({ ok: true, lines: 4 });
    expect(checkChain(lines, headOf(lines.slice(0, 3)))).toEqual({ ok: true, lines: 4 });
  });

  it('names the first line that breaks and why', () => {
    const lines = chain(5);
    const head = headOf(lines);
    expect(checkChain([lines[0]!, lines[1]!, lines[4]!], head)).toMatchObject({
      broken: { line: 3, reason: expect.stringContaining('line 2 was edited, or lines between them were removed') },
    });
    expect(checkChain(lines.slice(1), head)).toMatchObject({
      broken: { line: 1, reason: expect.stringContaining('lines before it were removed') },
    });
    expect(
      checkChain(
        lines.map((l, i) => (i === 2 ? l.replace('put 2', 'put 9') : l)),
        head,
      ),
    ).toMatchObject({
      broken: { line: 4, reason: expect.stringContaining('line 3 was edited') },
    });
    expect(
      checkChain(
        lines.map((l, i) => (i === 1 ? l.slice(0, 20) : l)),
        head,
      ),
    ).toMatchObject({ broken: { line: 2, reason: expect.stringContaining('not an audit entry') } });
    expect(
      checkChain(
        lines.map((l, i) => (i === 4 ? l.replace('put 4', 'put 8') : l)),
        head,
      ),
    ).toMatchObject({ broken: { line: 5 } });
    expect(checkChain(lines.slice(0, 3), head)).toMatchObject({
      broken: { line: 4, reason: expect.stringContaining('the last were removed') },
    });
  });
});
