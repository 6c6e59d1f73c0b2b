import type { MaskRule } from '../../shared/contract';

/** `rules.1.path` as a person reads it: "Rule 2 (rules[1].path)". */
export function issueWords(issue: { path: string; message: string }): string {
  const match = /^rules\.(\d+)(.*)$/.exec(issue.path);
  if (!match) return issue.path === '(root)' || issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
  const index = Number(match[1]);
  return `Rule ${index + 1} (rules[${index}]${match[2]}): ${issue.message}`;
}

/** What a rule selects, in the list's words. */
export function selectorWords(rule: MaskRule): { kind: string; value: string } {
  if (rule.path !== undefined) return { kind: 'Path', value: rule.path };
  if (rule.pattern !== undefined) return { kind: 'Pattern', value: `/${rule.pattern}/` };
  return { kind: 'Detector', value: rule.detector ?? '' };
}
