import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The last commit written before the rule (CONTRIBUTING.md, "Commit messages"): history before it
 * is left as it is, everything after it keeps the rule.
 */
const RULE_SINCE = '05c2b83';
const MAX_SUBJECT = 72;

function git(...args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

function hasBaseline(): boolean {
  try {
    git('cat-file', '-e', `${RULE_SINCE}^{commit}`);
    return true;
  } catch {
    return false;
  }
}

const baseline = hasBaseline();
if (!baseline) console.warn(`commit-messages: skipped, ${RULE_SINCE} is not in this clone's history (a shallow clone?)`);

describe.skipIf(!baseline)('commit messages since the rule', () => {
  // One record per commit: hash, subject, then the raw message, split by separators no message holds.
  const commits = git('log', '--format=%h%x1f%s%x1f%B%x1e', `${RULE_SINCE}..HEAD`)
    .split('\x1e')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [hash, subject, message] = entry.split('\x1f') as [string, string, string];
      return { hash, subject, lines: message.split('\n') };
    });

  it('has subjects of at most 72 characters', () => {
    expect(commits.filter((c) => c.subject.length > MAX_SUBJECT).map((c) => `${c.hash} ${c.subject}`)).toEqual([]);
  });

  it('keeps a blank line between the subject and the body', () => {
    expect(commits.filter((c) => c.lines.length > 1 && c.lines[1]!.trim() !== '').map((c) => `${c.hash} ${c.subject}`)).toEqual([]);
  });
});
