import type { HeatKey, HeatReport } from '../../../shared/contract/heat';
import { formatSize, shortShardId } from '../../../shared/format';
import { keySpaceShare } from '../../../shared/lineage';
import { visible } from './terminal-text';

const percent = (n: number) => `${(n * 100).toFixed(1)}%`;
const rate = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));

/** A key as a person reads it: the partition key, its explicit hash key when it routed it, and the sketch's bound. */
function keyText(key: HeatKey): string {
  const name = `"${visible(key.partitionKey)}"${key.explicitHashKey ? ` (hash key ${key.explicitHashKey})` : ''}`;
  const bound = key.bytes.error > 0 ? ` (±${formatSize(key.bytes.error)})` : '';
  return `${name} ${percent(key.share)} of bytes, ${formatSize(key.bytes.count)}${bound}, ${key.userRecords.count} user records`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The report on one screen: every shard against its limits, the heaviest keys, and what to do, each suggestion with its id. */
export function heatText(report: HeatReport): string {
  const { totals, limits } = report;
  const lines = [
    `heat of ${report.stream}, ${report.firstArrival ?? '—'} to ${report.lastArrival ?? '—'}: ${totals.records} records (${totals.userRecords} user records), ${formatSize(totals.bytes)}`,
    `limits per shard: ${limits.recordsPerSecond} records/s, ${formatSize(limits.bytesPerSecond)}/s; seconds over either are counted per second`,
    ...(report.coarsened ? ['the series is by the minute: by the second it would pass two hours'] : []),
    '',
    ...table([
      ['shard', 'key space', 'records', 'bytes', 'peak rec/s', 'peak bytes/s', 'secs over', 'heaviest key'],
      ...report.shards.map((s) => [
        `${shortShardId(s.shardId)}${s.open ? '' : ' (closed)'}`,
        `${keySpaceShare(s.hashKeyRange.start, s.hashKeyRange.end)}%`,
        String(s.totals.records),
        formatSize(s.totals.bytes),
        rate(s.peak.recordsPerSecond),
        formatSize(s.peak.bytesPerSecond),
        String(s.secondsOverLimit.either),
        s.topKeys[0] ? `"${visible(s.topKeys[0].partitionKey)}" ${percent(s.topKeys[0].share)}` : '—',
      ]),
    ]),
    '',
    `top keys${report.sketch.exact ? '' : ` (bounded sketch of ${report.sketch.capacity} keys: each figure may overstate by the ± shown)`}:`,
    ...report.topKeys.map((key, i) => `  ${String(i + 1).padStart(2)}. ${keyText(key)}`),
  ];
  const { splits, merges, hotKeys } = report.suggestions;
  lines.push(
    '',
    splits.length + merges.length + hotKeys.length ? 'suggestions:' : 'suggestions: none (no shard near its limits, no cold neighbours)',
  );
  for (const s of splits) {
    const [lower, upper] = s.split.children;
    lines.push(
      `  ${s.id}  ${s.reason === 'over-limit' ? 'over its limits' : 'near its limits'}: split at hash key ${s.split.hashKey}`,
      `      children take ${percent(lower!.share)} and ${percent(upper!.share)} of its ${s.split.measure}; predicted peaks ${rate(lower!.peak.recordsPerSecond)} and ${rate(upper!.peak.recordsPerSecond)} records/s, ${formatSize(lower!.peak.bytesPerSecond)}/s and ${formatSize(upper!.peak.bytesPerSecond)}/s`,
    );
  }
  for (const k of hotKeys) {
    lines.push(
      `  ${k.id}  "${visible(k.key.partitionKey)}" is too hot for any shard: ${k.reason === 'over-limit' ? 'alone over the write limits' : `more than half of ${shortShardId(k.shardId)}, so no split halves it`}`,
      `      about ${rate(k.peak.recordsPerSecond)} records/s and ${formatSize(k.peak.bytesPerSecond)}/s at peak; salt it with a suffix 0..${k.salts - 1}: ${k.salts} keys of about ${rate(k.perSalt.recordsPerSecond)} records/s and ${formatSize(k.perSalt.bytesPerSecond)}/s each`,
    );
  }
  for (const m of merges)
    lines.push(
      `  ${m.id}  cold neighbours: together at most ${rate(m.peak.recordsPerSecond)} records/s and ${formatSize(m.peak.bytesPerSecond)}/s at peak`,
    );
  if (splits.length + merges.length) lines.push('', 'apply one with --apply <id> (planned and confirmed as split and merge are).');
  return lines.join('\n');
}
