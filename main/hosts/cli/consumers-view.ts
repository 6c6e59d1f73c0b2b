import type { Application, Checkpoint, ConsumersReport } from '../../../shared/contract';
import { formatCheckpoint, formatLag } from '../../../shared/format';
import { withRemedyText } from './remedy-text';
import { visible } from './terminal-text';

/** `--json`: one object, the parts as lists, and why a part could not be read. */
export function consumersJson(report: ConsumersReport) {
  const unavailable = Object.fromEntries(
    (['enhancedFanOut', 'applications', 'lambda'] as const)
      .filter((part) => !report[part].available)
      .map((part) => [part, withRemedyText(report[part].reason ?? '', report[part].remedy)]),
  );
  return {
    stream: report.stream,
    time: report.time,
    enhancedFanOut: report.enhancedFanOut.items,
    applications: report.applications.items,
    lambda: report.lambda.items,
    leaseTablesAt: report.leaseTablesAt,
    unavailable,
  };
}

export const checkpointText = (checkpoint: Checkpoint | null) => visible(formatCheckpoint(checkpoint));

const formats: Record<Application['format'], string> = { 'kcl-1': 'KCL 1.x', 'kcl-2': 'KCL 2.x', 'kcl-3': 'KCL 3.x' };
const matches: Record<Application['match'], string> = {
  named: 'named',
  'stream-in-lease': 'its leases name the stream',
  'shard-ids': 'found by its shard ids: single-stream leases do not name their stream',
};

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

const behind = (r: Application['shards'][number]['recordsBehind']) => (r ? `${r.exact ? '' : '≥'}${r.count}` : '–');

/**
 * The report as a terminal shows it: each part, each application's summary and its shards. Lease
 * owners, worker names and tables are written by whoever runs the consumers, so every field is
 * shown through visible(): a newline cannot start a forged row, an escape cannot redraw the screen.
 */
export function consumersText(report: ConsumersReport): string {
  const lines = [`${report.stream}  (${report.time})`, ''];
  const efo = report.enhancedFanOut;
  lines.push(
    `Enhanced fan-out: ${!efo.available ? `not available (${visible(efo.reason ?? '')})` : efo.items.length === 0 ? 'none registered' : ''}`,
  );
  for (const c of efo.items) lines.push(`  ${visible(c.name)}  ${c.status}  since ${c.createdAt ?? 'unknown'}`);
  lines.push('');
  const apps = report.applications;
  if (!apps.available) lines.push(`KCL applications: not available (${visible(withRemedyText(apps.reason ?? '', apps.remedy))})`, '');
  else if (apps.items.length === 0) lines.push(`KCL applications: no lease table of this stream at ${report.leaseTablesAt}`, '');
  for (const app of apps.items) {
    lines.push(`KCL application ${visible(app.table)}  (${formats[app.format]}; ${matches[app.match]})`);
    if (app.error) {
      lines.push(`  ${visible(app.error)}`, '');
      continue;
    }
    if (app.worst) lines.push(`  ${visible(app.worst.text)}`);
    lines.push(`  workers: ${app.workers.map(visible).join(', ') || 'none'}`);
    const rows = [['SHARD', 'OWNER', 'CHECKPOINT', 'LAG', 'BEHIND', 'STATE', 'NOTE']];
    for (const s of app.shards)
      rows.push([
        visible(s.shardId),
        s.owner === null ? '–' : visible(s.owner),
        checkpointText(s.checkpoint),
        formatLag(s.lagMillis),
        behind(s.recordsBehind),
        s.condition,
        visible(s.note ?? ''),
      ]);
    lines.push(...table(rows).map((row) => `  ${row}`), '');
  }
  const lambda = report.lambda;
  lines.push(
    `Lambda: ${!lambda.available ? `not available (${visible(lambda.reason ?? '')})` : lambda.items.length === 0 ? 'no event source mapping' : ''}`,
  );
  for (const m of lambda.items)
    lines.push(
      `  ${visible(m.functionArn ?? m.uuid)}  ${visible(m.state ?? '?')}  batch ${m.batchSize ?? '?'}  from ${m.startingPosition ?? '?'}  last: ${visible(m.lastProcessingResult ?? '–')}`,
    );
  return lines.join('\n');
}
