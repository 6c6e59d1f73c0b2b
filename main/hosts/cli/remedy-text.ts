import type { Remedy } from '../../../shared/contract/errors';

/** The CLI's words for what the user can do about a failure: its flags, where the app has buttons. */
const remedyWords: Record<Remedy, string> = {
  'resume-or-elsewhere': 'Carry it on with --resume, start it over with --restart, or give --to another folder or S3 prefix.',
  'start-over':
    'To start over in this folder, add --restart (it removes the failed run’s files); or give another --to folder. --resume would carry the failed run on as it was asked.',
  resume: 'Carry it on with --resume.',
  'resume-or-restart': 'Carry it on with --resume, or start over with --restart.',
  'name-lease-table': 'Name the application with --lease-table.',
  'set-region': 'Pass --region, or set AWS_REGION.',
  'set-dynamodb-endpoint': 'Pass --dynamodb-endpoint with the URL of the DynamoDB beside it.',
  'make-writable': 'To write, make it writable (shardscope profiles set NAME --writable), and leave out --read-only.',
  'set-schema-registry':
    "Name the connection's registry (shardscope profiles set NAME --schema-registry-url URL), or give the registry's URL to --schema-registry.",
  'replace-files': 'Add --force to replace them, or give another --out folder.',
  'give-prices': 'Give a price table for the region with --prices FILE (see docs/guide/capacity.md for its shape).',
  'give-load': 'Give the load by hand with --records-per-sec and --bytes-per-sec.',
};

export function remedyText(remedy: Remedy | undefined): string | null {
  return remedy ? remedyWords[remedy] : null;
}

/** A reason followed by what to do about it, in the CLI's words. */
export function withRemedyText(reason: string, remedy: Remedy | undefined): string {
  const words = remedyText(remedy);
  return words ? `${reason} ${words}` : reason;
}

const eitherOf = new Intl.ListFormat('en-US', { type: 'disjunction' });

/** The names a failure offers instead of the one given (a stream that is not there). */
export function suggestionText(suggestions: readonly string[] | undefined): string | null {
  return suggestions?.length ? `Did you mean ${eitherOf.format(suggestions)}?` : null;
}
