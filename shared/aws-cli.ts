/** Quotes a word for a POSIX shell only where it needs it. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface CliTarget {
  region: string;
  endpoint: string | null;
  /** An AWS shared-config profile the connection uses; never a secret. */
  awsProfile: string | null;
}

/** The AWS CLI command that asks the same question, for the same connection. */
export function awsCliCommand(
  operation: string,
  args: Record<string, string | string[] | true>,
  target: CliTarget,
  service: 'kinesis' | 'dynamodb' = 'kinesis',
): string {
  const words = ['aws', service, operation];
  for (const [flag, value] of Object.entries(args)) {
    words.push(`--${flag}`);
    if (value !== true) words.push(...(Array.isArray(value) ? value : [value]).map(shellQuote));
  }
  words.push('--region', shellQuote(target.region));
  if (target.endpoint) words.push('--endpoint-url', shellQuote(target.endpoint));
  if (target.awsProfile) words.push('--profile', shellQuote(target.awsProfile));
  return words.join(' ');
}
