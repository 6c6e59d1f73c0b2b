import type { MaskingReport, MaskingState, MaskRule } from '../../shared/contract';

/** One rule that masked nothing in a read, with its place in that read's rules. */
export interface IdleRule {
  /** 1-based, in the order the read applied its rules. */
  position: number;
  rule: string;
}

export interface MaskingSlice {
  /** The active connection's rules and whether its views are unmasked; null before the first load. */
  masking: MaskingState | null;
  maskingLoading: boolean;
  maskingError: string | null;
  /** What each read this window started reported, by session id (the last few only). */
  maskingReports: Record<string, MaskingReport['rules']>;
  loadMasking(): Promise<void>;
  /** Throws the API error, so the form can show it beside the rule. */
  addMaskRule(rule: MaskRule): Promise<void>;
  removeMaskRule(id: string): Promise<void>;
  /** Reads a rules file's text (the `mask import` JSON); throws an error naming each bad rule. */
  importMaskRules(text: string, replace: boolean): Promise<void>;
  setUnmasked(unmasked: boolean): Promise<void>;
  receiveMaskingReport(report: MaskingReport): void;
}

/** The rules of one read that masked nothing: often a misspelt path, not protection. */
export function idleRules(rules: MaskingReport['rules'] | undefined): IdleRule[] {
  return (rules ?? []).flatMap((entry, at) => (entry.matched === 0 ? [{ position: at + 1, rule: entry.rule }] : []));
}
