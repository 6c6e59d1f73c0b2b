import { InvalidArgumentError } from 'commander';
import type { RunEnd, StartPosition } from '../../../shared/contract';
import {
  END_FORMS,
  parsePosition,
  parseReadEnd,
  POSITION_FORMS,
  PositionError,
  shardIdFrom,
  type ReadEndSpec,
} from '../../../shared/positions';
import { AppError } from '../../core/app-error';

/**
 * How every command reads a time, a shard, an end and a duration: one wording and one set of
 * forms for tail, search, ingest, copy and stats. What a form means lives in shared/positions,
 * where the app's forms read it too.
 */

function formList(forms: readonly { example: string; meaning: string }[]): string {
  return forms.map((f) => `  ${f.example.length > 24 ? `${f.example.slice(0, 23)}…` : f.example.padEnd(24)}  ${f.meaning}`).join('\n');
}

export const FROM_HELP =
  'where to start: oldest, newest, an ISO-8601 time, -15m, "15 minutes ago", AT_SEQUENCE_NUMBER:<seq>, AFTER_SEQUENCE_NUMBER:<seq>';
export const UNTIL_HELP = 'caught-up (the newest record of each shard as it stood when the read reached it), an ISO-8601 time, or -5m';
export const SHARD_HELP = 'only these shards and their descendants: repeat it or list them with commas; 12 stands for shardId-000000000012';

/** --from, with the shards named by --shard: the sequence-number positions need exactly one. */
export function parseFrom(text: string, shardIds: readonly string[] | undefined): StartPosition {
  try {
    return parsePosition(text, shardIds?.length === 1 ? shardIds[0] : undefined);
  } catch (error) {
    if (!(error instanceof PositionError)) throw error;
    if (error.kind === 'needs-shard') throw new AppError('invalid-input', `--from: ${error.message} Name it with --shard.`);
    throw new AppError('invalid-input', `--from: ${error.message} It takes one of:\n${formList(POSITION_FORMS)}`);
  }
}

function endError(text: string, extra: { example: string; meaning: string }[]): InvalidArgumentError {
  return new InvalidArgumentError(`"${text}" is not an end. --until takes one of:\n${formList([...END_FORMS, ...extra])}`);
}

/** --until for tail, search and copy: caught-up or a time. */
export function parseUntil(text: string): ReadEndSpec {
  const end = parseReadEnd(text);
  if (!end) throw endError(text, []);
  return end;
}

/** --until for ingest, which may also follow the stream or stop after a count. */
export function parseRunEnd(text: string): RunEnd {
  const value = text.trim();
  if (value === 'follow') return { type: 'follow' };
  const count = /^count:(\d+)$/.exec(value);
  if (count) return { type: 'count', count: Number(count[1]) };
  const end = parseReadEnd(value);
  if (end) return end;
  throw endError(text, [
    { example: 'follow', meaning: 'never: keep reading new records until interrupted' },
    { example: 'count:1000', meaning: 'after this many user records' },
  ]);
}

/** --shard, repeated or a comma list, collected into one list of shard ids. */
export function collectShards(value: string, previous: string[] | undefined): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .map(shardIdFrom);
  if (ids.length === 0) throw new InvalidArgumentError('name a shard, e.g. --shard shardId-000000000012, --shard 12 or --shard 0,1.');
  return [...(previous ?? []), ...ids.filter((id) => !previous?.includes(id))];
}

export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('a duration looks like 500ms, 1s, 30s or 5m.');
  const ms = Number(match[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  if (ms < 100) throw new InvalidArgumentError('the shortest interval is 100ms.');
  return ms;
}

export function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number.');
  return number;
}
