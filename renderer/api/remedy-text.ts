import type { Remedy } from '../../shared/contract/errors';

/**
 * The app's words for what the user can do about a failure: its controls, where the CLI
 * (main/hosts/cli/remedy-text.ts) names its flags.
 */
const remedyWords: Record<Remedy, string> = {
  'resume-or-elsewhere': 'Tick “Resume the run already in this folder” to carry it on, or choose another folder.',
  'start-over': 'Start over from the run history to replace what it wrote, or choose another folder.',
  resume: 'Then start the same run again with “Resume the run already in this folder” ticked.',
  'resume-or-restart': 'Resume the unfinished copy, or start over.',
  'name-lease-table': 'Name the application (its lease table) in the Consumers panel.',
  'set-region': 'Choose a region in the connection’s settings.',
  'set-dynamodb-endpoint': 'Set its DynamoDB endpoint in the connection’s settings.',
  'make-writable': 'To write, clear “Read-only” in the connection’s settings.',
  'set-schema-registry': 'Set its schema registry in the connection’s settings.',
  'replace-files': 'Choose another folder, or replace the files there.',
  'give-prices': 'Give a price table for this region.',
  'give-load': 'Give the load (records and bytes a second) by hand.',
};

export function remedyText(remedy: Remedy | undefined): string | null {
  return remedy ? remedyWords[remedy] : null;
}

/** A reason followed by what to do about it, in the app's words. */
export function withRemedyText(reason: string | null, remedy: Remedy | undefined): string {
  const words = remedyText(remedy);
  return [reason, words].filter(Boolean).join(' ');
}
