import type { StartPosition } from './contract/preview';

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const words: Record<string, string> = { second: 's', seconds: 's', minute: 'm', minutes: 'm', hour: 'h', hours: 'h', day: 'd', days: 'd' };

/** "-15m", "15m", "15 minutes ago" or an ISO-8601 date-time, as an absolute moment; null if none of those. */
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

export class PositionError extends Error {}

/**
 * A starting position as the CLI writes it: TRIM_HORIZON, LATEST, AT_TIMESTAMP:<when>,
 * AT_SEQUENCE_NUMBER:<seq> or AFTER_SEQUENCE_NUMBER:<seq> (these two need a shard).
 */
export function parsePosition(text: string, shardId: string | undefined, now = new Date()): StartPosition {
  const [type, ...rest] = text.split(':');
  const argument = rest.join(':');
  switch (type?.toUpperCase()) {
    case 'TRIM_HORIZON':
    case 'LATEST':
      if (argument) throw new PositionError(`${type} takes no value.`);
      return { type: type.toUpperCase() as 'TRIM_HORIZON' | 'LATEST' };
    case 'AT_TIMESTAMP': {
      const moment = parseMoment(argument, now);
      if (!moment) throw new PositionError(`AT_TIMESTAMP needs an ISO-8601 time or a relative one like -15m, not "${argument}".`);
      return { type: 'AT_TIMESTAMP', timestamp: moment.toISOString() };
    }
    case 'AT_SEQUENCE_NUMBER':
    case 'AFTER_SEQUENCE_NUMBER':
      if (!/^\d+$/.test(argument))
        throw new PositionError(`${type} needs a sequence number, e.g. ${type}:49590338271490256608559692538361571095921575989136588898.`);
      if (!shardId) throw new PositionError(`${type} needs the shard the sequence number belongs to (--shard).`);
      return { type: type.toUpperCase() as 'AT_SEQUENCE_NUMBER', shardId, sequenceNumber: argument };
    default:
      throw new PositionError(
        `Unknown position "${text}": use TRIM_HORIZON, LATEST, AT_TIMESTAMP:<time>, AT_SEQUENCE_NUMBER:<seq> or AFTER_SEQUENCE_NUMBER:<seq>.`,
      );
  }
}
