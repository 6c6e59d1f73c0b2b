import { RE2JS } from 're2js';
import { describeRule, pathSteps, type MaskRule } from '../../../../shared/contract/masking';
import { detectors, type Detector } from './detectors';

/** A rule ready to apply: its path as steps from its root, or its finder over string values. */
export interface CompiledRule {
  rule: MaskRule;
  name: string;
  action: MaskRule['action'];
  path?: { root: 'data' | 'partitionKey'; steps: string[] };
  finder?: Detector;
}

export function compileRule(rule: MaskRule): CompiledRule {
  const base = { rule, name: describeRule(rule), action: rule.action };
  if (rule.path !== undefined) {
    const root = rule.path.startsWith('partitionKey') ? 'partitionKey' : 'data';
    return { ...base, path: { root, steps: pathSteps(rule.path) } };
  }
  if (rule.detector !== undefined) return { ...base, finder: detectors[rule.detector] };
  return { ...base, finder: { find: RE2JS.compile(rule.pattern!), confirms: () => true } };
}

/** The rules that apply to a stream's records: those for every stream and those naming it. */
export function rulesFor(rules: readonly MaskRule[], stream: string): MaskRule[] {
  return rules.filter((rule) => rule.stream === undefined || rule.stream === stream);
}
