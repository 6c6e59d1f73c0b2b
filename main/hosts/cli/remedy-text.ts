import type { Remedy } from '../../../shared/contract/errors';

/** The CLI's words for what the user can do about a failure: its flags, where the app has buttons. */
const remedyWords: Record<Remedy, string> = {
  'resume-or-elsewhere': 'Carry it on with --resume, start it over with --restart, or give another --to folder.',
  'start-over':
    'To start over in this folder, add --restart (it removes the failed run’s files); or give another --to folder. --resume would carry the failed run on as it was asked.',
};

export function remedyText(remedy: Remedy | undefined): string | null {
  return remedy ? remedyWords[remedy] : null;
}

const eitherOf = new Intl.ListFormat('en-US', { type: 'disjunction' });

/** The names a failure offers instead of the one given (a stream that is not there). */
export function suggestionText(suggestions: readonly string[] | undefined): string | null {
  return suggestions?.length ? `Did you mean ${eitherOf.format(suggestions)}?` : null;
}
