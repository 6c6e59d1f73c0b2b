import type { Shard } from '../../../shared/contract';

/** What a shard picker offers for what is typed: "12" finds shardId-000000000012 first, open shards before closed. */
export function shardChoices(shards: readonly Shard[], typed: string, limit = 100): Shard[] {
  const query = typed.trim().toLowerCase();
  const byOpen = (a: Shard, b: Shard) => Number(b.open) - Number(a.open);
  if (!query) return [...shards].sort(byOpen).slice(0, limit);
  const digits = /^\d+$/.test(query) ? query.replace(/^0+(?=\d)/, '') : null;
  const exact = shards.filter(
    (s) => s.shardId.toLowerCase() === query || (digits !== null && s.shardId.replace(/^\D*0*(?=\d)/, '') === digits),
  );
  const rest = shards.filter((s) => !exact.includes(s) && s.shardId.toLowerCase().includes(query)).sort(byOpen);
  return [...exact, ...rest].slice(0, limit);
}
