import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../main/domain/audit/audit-log';
import { AUDIT_FILE } from '../../main/domain/audit/audit-log';
import { nobody } from '../../main/core/sessions/session-owner';
import type { AuditEntry } from '../../shared/contract';
import { startTestApp, tempDataDir } from '../support/app';
import { runCli } from '../support/cli';

const addProfile = (dataDir: string, name: string) =>
  runCli(['profiles', 'add', name, '--region', 'eu-west-1', '--default-chain'], { env: { SHARDSCOPE_HOME: dataDir } });
const audit = (dataDir: string, ...args: string[]) => runCli(['audit', ...args], { env: { SHARDSCOPE_HOME: dataDir } });
const linesOf = (dataDir: string) => readFileSync(path.join(dataDir, AUDIT_FILE), 'utf8').split('\n').filter(Boolean);

/** A log of `count` entries, written by CLI commands and an app at once. */
async function writtenLog(count: number): Promise<string> {
  const dataDir = tempDataDir();
  const app = await startTestApp({ dataDir, connection: 'none' });
  try {
    const clis = Array.from({ length: 2 }, (_, i) => addProfile(dataDir, `cli-${i}`));
    const saves = Array.from({ length: count - 2 }, (_, i) =>
      app.dispatch(
        'connections:save',
        { profile: { name: `app-${i}`, region: 'eu-west-1', endpoint: null, source: { type: 'default-chain' } } },
        nobody,
      ),
    );
    expect((await Promise.all(saves)).every((saved) => saved.ok)).toBe(true);
    expect((await Promise.all(clis)).map((cli) => cli.code)).toEqual([0, 0]);
  } finally {
    await app.stop();
  }
  return dataDir;
}

describe('the audit log on disk', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await writtenLog(6);
  });

  it('keeps one unbroken chain while two CLI processes and an app append at once', async () => {
    expect(linesOf(dataDir)).toHaveLength(6);
    const verified = await audit(dataDir, '--verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('ok: 6 entries');
    const listed = await audit(dataDir, '--json');
    const entries = listed.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditEntry);
    expect(entries.map((e) => e.what.plan.profile).sort()).toEqual(
      [...Array.from({ length: 4 }, (_, i) => `app-${i}`), 'cli-0', 'cli-1'].sort(),
    );
    // Newest first, and the CLI's entries say so.
    expect(entries.map((e) => e.at)).toEqual(
      entries
        .map((e) => e.at)
        .sort()
        .reverse(),
    );
    expect(entries.filter((e) => e.who.host === 'cli')).toHaveLength(2);
  });

  it('fails verification at a deleted line, an edited line, an edited last line and a cut last line, saying which', async () => {
    const file = path.join(dataDir, AUDIT_FILE);
    const original = linesOf(dataDir);
    const log = new AuditLog(dataDir, { host: 'test' });
    const tamper = async (lines: string[]) => {
      writeFileSync(file, `${lines.join('\n')}\n`);
      try {
        return await log.verify();
      } finally {
        writeFileSync(file, `${original.join('\n')}\n`);
      }
    };
    const edit = (line: string) => line.replace('"status":"succeeded"', '"status":"failed"');
    expect(await tamper(original.filter((_, i) => i !== 2))).toMatchObject({
      ok: false,
      broken: { line: 3, reason: 'line 3 does not follow line 2: line 2 was edited, or lines between them were removed' },
    });
    expect(await tamper(original.map((line, i) => (i === 1 ? edit(line) : line)))).toMatchObject({ ok: false, broken: { line: 3 } });
    expect(await tamper(original.map((line, i) => (i === 5 ? edit(line) : line)))).toMatchObject({
      ok: false,
      broken: { line: 6, reason: 'line 6 was edited after it was written' },
    });
    expect(await tamper(original.slice(0, 5))).toMatchObject({
      ok: false,
      broken: { reason: expect.stringContaining('the last were removed') },
    });
    expect(await log.verify()).toMatchObject({ ok: true, lines: 6 });
  });

  it('exits non-zero from audit --verify with the line and the reason', async () => {
    const file = path.join(dataDir, AUDIT_FILE);
    const original = linesOf(dataDir);
    writeFileSync(file, `${original.filter((_, i) => i !== 0).join('\n')}\n`);
    const result = await audit(dataDir, '--verify');
    writeFileSync(file, `${original.join('\n')}\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken at line 1: line 1 is not the start of the log: lines before it were removed/);
  });
});
