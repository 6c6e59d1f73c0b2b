/**
 * "1 shard", "3 shards", "1,200 records": a count with its noun, for the CLI and the renderer
 * alike. English only (the app is), so a plural is the noun plus "s" unless told otherwise.
 */
const rules = new Intl.PluralRules('en-US');
const number = new Intl.NumberFormat('en-US');

/** The noun alone, for a count said elsewhere ("3 of 5 shards"). */
export function nounFor(count: number, singular: string, plural = `${singular}s`): string {
  return rules.select(count) === 'one' ? singular : plural;
}

export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${number.format(count)} ${nounFor(count, singular, plural)}`;
}
