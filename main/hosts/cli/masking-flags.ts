import { type Command, InvalidArgumentError } from 'commander';
import { maskingFileSchema, type MaskingFile, type MaskingReport } from '../../../shared/contract';
import { readJsonFile } from './json-file';
import { note } from './output';

export interface MaskingFlags {
  masking?: string;
}

export const MASKING_FILE_HELP =
  'mask this command\'s records with the rules in this JSON file too, on top of the connection\'s: {"rules": [{"path" | "pattern" | "detector": …, "action": …}]}';

export function withMaskingFlag<T extends Command>(command: T): T {
  return command.option('--masking <file>', MASKING_FILE_HELP) as T;
}

/** A rules file read and checked here, so a bad rule is named by its index before anything is read. */
export function readMaskingFile(file: string): MaskingFile {
  const { where, raw } = readJsonFile(file, 'masking file');
  const parsed = maskingFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path
      .map((step) => (typeof step === 'number' ? `[${step}]` : `.${String(step)}`))
      .join('')
      .replace(/^\./, '');
    throw new InvalidArgumentError(`the masking file ${where}: ${at ? `${at}: ` : ''}${issue.message}`);
  }
  return parsed.data;
}

export function maskingFileOf(opts: MaskingFlags): MaskingFile | undefined {
  return opts.masking ? readMaskingFile(opts.masking) : undefined;
}

/** Said on stderr after a read: a rule that masked nothing may be a typo that protects nothing. */
export function noteMaskingReport(report: MaskingReport): void {
  for (const { rule, matched } of report.rules)
    if (matched === 0) note(`masking: the rule ${rule} masked nothing in this read; check its path or pattern.`);
}
