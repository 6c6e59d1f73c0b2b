import type { StartPosition } from './contract/preview';

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const words: Record<string, string> = { second: 's', seconds: 's', minute: 'm', minutes: 'm', hour: 'h', hours: 'h', day: 'd', days: 'd' };

/**
 * "-15m", "15m", "15 minutes ago" or an ISO-8601 date-time, as an absolute moment; null if none of those.
 * A relative time always lies in the past: there is nothing to read in the future.
 */
export function parseMoment(text: string, now = new Date()): Date | null {
  const value = text.trim();
  const short = /^-?(\d+(?:\.\d+)?)\s*([smhd])$/.exec(value);
  const long = /^(\d+(?:\.\d+)?)\s+(seconds?|minutes?|hours?|days?)\s+ago$/i.exec(value);
  const relative = short ? [short[1]!, short[2]!] : long ? [long[1]!, words[long[2]!.toLowerCase()]!] : null;
  if (relative) return new Date(now.getTime() - Number(relative[0]) * units[relative[1]!]!);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Each way to say a start, with an example: what an error about one lists. */
export const POSITION_FORMS: readonly { example: string; meaning: string }[] = [
  { example: 'oldest', meaning: 'the oldest record kept (also TRIM_HORIZON)' },
  { example: 'newest', meaning: 'only records written from now on (also LATEST)' },
  { example: '2026-03-01T12:00:00Z', meaning: 'an ISO-8601 time (AT_TIMESTAMP: in front is optional)' },
  { example: '-15m', meaning: 'a time relative to now: -15m, 15m, "15 minutes ago" (s, m, h, d)' },
  { example: 'AT_SEQUENCE_NUMBER:49590338271490256608559692538361571095921575989136588898', meaning: 'at a record, in one shard' },
  { example: 'AFTER_SEQUENCE_NUMBER:49590338271490256608559692538361571095921575989136588898', meaning: 'after a record, in one shard' },
];

/** Each way to say an end, with an example. */
export const END_FORMS: readonly { example: string; meaning: string }[] = [
  { example: 'caught-up', meaning: 'the newest record of each shard as it stood when the read reached it' },
  { example: '2026-03-01T13:00:00Z', meaning: 'an ISO-8601 time' },
  { example: '-5m', meaning: 'a time relative to now: -5m, 5m, "5 minutes ago" (s, m, h, d)' },
];

/** Where a read ends: the tip as each shard stood when reached, or a moment. */
export type ReadEndSpec = { type: 'caught-up' } | { type: 'time'; time: string };

/** What is wrong with a position: `needs-shard` when a sequence number comes without the one shard it belongs to. */
export class PositionError extends Error {
  constructor(
    message: string,
    readonly kind: 'unknown' | 'needs-shard' | 'sequence-number',
  ) {
    super(message);
  }
}

/**
 * A start position as people write it (see POSITION_FORMS). The sequence-number positions
 * belong to one shard, which comes separately.
 */
export function parsePosition(text: string, shardId: string | undefined, now = new Date()): StartPosition {
  const value = text.trim();
  const lower = value.toLowerCase();
  if (lower === 'trim_horizon' || lower === 'oldest') return { type: 'TRIM_HORIZON' };
  if (lower === 'latest' || lower === 'newest') return { type: 'LATEST' };
  const [type, ...rest] = value.split(':');
  const argument = rest.join(':');
  const upper = type?.toUpperCase();
  if (upper === 'AT_SEQUENCE_NUMBER' || upper === 'AFTER_SEQUENCE_NUMBER') {
    if (!/^\d+$/.test(argument))
      throw new PositionError(`${upper} needs a sequence number, e.g. ${upper}:4959…, not "${argument}".`, 'sequence-number');
    if (!shardId) throw new PositionError(`${upper} needs the shard the sequence number belongs to, and that one only.`, 'needs-shard');
    return { type: upper, shardId, sequenceNumber: argument };
  }
  const moment = parseMoment(upper === 'AT_TIMESTAMP' ? argument : value, now);
  if (moment) return { type: 'AT_TIMESTAMP', timestamp: moment.toISOString() };
  throw new PositionError(`"${text}" is not a position.`, 'unknown');
}

/** An end as people write it (see END_FORMS); null when it is none of them. */
export function parseReadEnd(text: string, now = new Date()): ReadEndSpec | null {
  const value = text.trim();
  if (value.toLowerCase() === 'caught-up') return { type: 'caught-up' };
  const moment = parseMoment(value.replace(/^AT_TIMESTAMP:/i, ''), now);
  return moment ? { type: 'time', time: moment.toISOString() } : null;
}

/** "12" or "0012" for shardId-000000000012, as the shard picker reads it; any other id as written. */
export function shardIdFrom(text: string): string {
  const value = text.trim();
  return /^\d+$/.test(value) ? `shardId-${value.replace(/^0+(?=\d)/, '').padStart(12, '0')}` : value;
}
