import type { Remedy } from '../../shared/contract/errors';

/**
 * The app's words for what the user can do about a failure: its controls, where the CLI
 * (main/hosts/cli/remedy-text.ts) names its flags.
 */
const remedyWords: Record<Remedy, string> = {
  'resume-or-elsewhere': 'Tick “Resume the run already in this folder” to carry it on, or choose another folder.',
  'start-over': 'Start over from the run history to replace what it wrote, or choose another folder.',
};

export function remedyText(remedy: Remedy | undefined): string | null {
  return remedy ? remedyWords[remedy] : null;
}
