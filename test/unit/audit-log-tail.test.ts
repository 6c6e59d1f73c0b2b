import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastCompleteLine } from '../../main/domain/audit/log-tail';

const fileWith = (text: string) => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'audit-tail-')), 'audit.jsonl');
  writeFileSync(file, text);
  return file;
};

describe("an audit log's last complete line", () => {
  it('is read from the end, across blocks, however long the log', async () => {
    const lines = Array.from({ length: 5_000 }, (_, n) => JSON.stringify({ n, pad: 'x'.repeat(n % 97) }));
    const long = 'y'.repeat(150 * 1024);
    const file = fileWith(`${lines.join('\n')}\n${long}\n`);
    expect(await lastCompleteLine(file)).toBe(long);
    expect(await lastCompleteLine(fileWith(`${lines[0]}\n`))).toBe(lines[0]);
  });

  it('cuts a torn last line, a write killed before its newline, and goes on from the line before', async () => {
    const file = fileWith('{"a":1}\n{"b":2}\n{"c":');
    expect(await lastCompleteLine(file)).toBe('{"b":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    const torn = fileWith('{"c":');
    expect(await lastCompleteLine(torn)).toBeNull();
    expect(readFileSync(torn, 'utf8')).toBe('');
  });

  it('is null for a missing or empty log', async () => {
    expect(await lastCompleteLine(path.join(os.tmpdir(), 'no-such-audit-log.jsonl'))).toBeNull();
    expect(await lastCompleteLine(fileWith(''))).toBeNull();
  });
});
