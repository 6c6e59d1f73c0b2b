import { idleRules } from '../../state/masking-state';
import { useAppStore } from '../../state/store';

/** What to look at for a rule that masked nothing: a path or a pattern may be misspelt. */
function advice(rule: string): string {
  if (rule.startsWith('path ')) return 'check its path';
  if (rule.startsWith('pattern ')) return 'check its pattern';
  return 'no such value was read';
}

/** After a read ends, the rules that masked nothing in it: often a typo, not protection. */
export function MaskingNotice({ sessionId }: { sessionId: string | null }) {
  const report = useAppStore((s) => (sessionId ? s.maskingReports[sessionId] : undefined));
  const idle = idleRules(report);
  if (idle.length === 0) return null;
  return (
    <div className="notice-box" role="note" aria-label="Masking rules that masked nothing">
      {idle.map(({ position, rule }) => (
        <p key={position}>
          Rule {position} ({rule}) masked nothing in this read: {advice(rule)}.
        </p>
      ))}
    </div>
  );
}
