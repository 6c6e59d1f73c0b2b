import type { HeatReport, HeatShard, ShardThrottling } from '../../../../shared/contract';
import { formatSize, shortShardId } from '../../../../shared/format';
import { keySpaceShare } from '../../../../shared/lineage';
import type { QueryState } from '../../../api/query-state';
import { useAppStore } from '../../../state/store';
import { HeatKeys } from './HeatKeys';
import { HeatShardChart } from './HeatShardChart';
import { HeatCapacity } from './HeatCapacity';
import { HeatSuggestions } from './HeatSuggestions';

const rate = (n: number) => Math.round(n).toLocaleString();

/** Where CloudWatch's throttling figures can be had, a shard's Write/ReadProvisionedThroughputExceeded. */
function throttlingOf(throttling: QueryState<ShardThrottling> | null, shardId: string): string {
  if (throttling?.status !== 'ok' || !throttling.data.available) return '—';
  const shard = throttling.data.shards.find((s) => s.shardId === shardId);
  const figure = (n: number | null | undefined, monitored: boolean) => (!monitored ? 'not monitored' : (n ?? 0).toLocaleString());
  return `write ${figure(shard?.writeThrottled, throttling.data.monitored.write)}, read ${figure(shard?.readThrottled, throttling.data.monitored.read)}`;
}

/** The hash range in equal slices, each as tall as its share of the shard's bytes. */
function Histogram({ shard }: { shard: HeatShard }) {
  const most = Math.max(1, ...shard.histogram.buckets.map((b) => b.bytes));
  const busiest = shard.histogram.buckets.reduce((best, b, i, all) => (b.bytes > all[best]!.bytes ? i : best), 0);
  return (
    <div
      className="heat__histogram"
      role="img"
      aria-label={`Bytes across the hash range of ${shard.shardId} in ${shard.histogram.buckets.length} slices; the busiest is slice ${busiest + 1}`}
    >
      {shard.histogram.buckets.map((b) => (
        <span key={b.hashKeyRange.start} style={{ height: `${(b.bytes / most) * 100}%` }} />
      ))}
    </div>
  );
}

/** The report on one screen: each shard against its limits, the heaviest keys, and what to do. */
export function HeatReportView({ report }: { report: HeatReport }) {
  const throttling = useAppStore((s) => s.heatThrottling);
  const step = report.by === 'minute' ? 60 : 1;
  const over = (n: number) => (n > 0 ? <strong className="heat__over">{n}</strong> : '0');
  return (
    <div className="heat__report">
      <p aria-label="Heat totals">
        {report.totals.userRecords.toLocaleString()} user records ({report.totals.records.toLocaleString()} Kinesis records),{' '}
        {formatSize(report.totals.bytes)}
        {report.firstArrival && report.lastArrival ? `, from ${report.firstArrival} to ${report.lastArrival}` : ', none in the window'}.
        Limits per shard: {rate(report.limits.recordsPerSecond)} records/s and {formatSize(report.limits.bytesPerSecond)}/s.
        {report.coarsened && ' The series is by the minute: by the second it would pass two hours.'}
      </p>
      {throttling?.status === 'loading' && <p className="muted">Asking CloudWatch for throttling…</p>}
      {throttling?.status === 'ok' && !throttling.data.available && (
        <p className="muted" role="note">
          CloudWatch figures are not available on this connection
          {throttling.data.reason ? ` (${throttling.data.reason.replace(/\.$/, '')})` : ''}.
        </p>
      )}
      {throttling?.status === 'error' && <p className="muted">CloudWatch figures could not be read: {throttling.error.message}</p>}
      {/* Focusable so the keyboard can scroll a table wider than the panel. */}
      <div className="heat__scroll" tabIndex={0} role="group" aria-label="Load per shard, scrollable">
        <table className="table heat__shards" aria-label="Load per shard">
          <thead>
            <tr>
              <th scope="col">Shard</th>
              <th scope="col">Key space</th>
              <th scope="col">Peak records/s</th>
              <th scope="col">Peak bytes/s</th>
              <th scope="col">Seconds over a limit</th>
              <th scope="col">Throttled (CloudWatch)</th>
              <th scope="col">Records/s over the window</th>
              <th scope="col">Hash range</th>
            </tr>
          </thead>
          <tbody>
            {report.shards.map((shard) => (
              <tr key={shard.shardId}>
                <th scope="row" className="mono">
                  {shortShardId(shard.shardId)}
                  {!shard.open && <span className="muted"> (closed)</span>}
                </th>
                <td>{keySpaceShare(shard.hashKeyRange.start, shard.hashKeyRange.end)} %</td>
                <td>
                  {rate(shard.peak.recordsPerSecond)}{' '}
                  <span className="muted">({Math.round((shard.peak.recordsPerSecond / report.limits.recordsPerSecond) * 100)} %)</span>
                </td>
                <td>
                  {formatSize(shard.peak.bytesPerSecond)}{' '}
                  <span className="muted">({Math.round((shard.peak.bytesPerSecond / report.limits.bytesPerSecond) * 100)} %)</span>
                </td>
                <td>{over(shard.secondsOverLimit.either)}</td>
                <td>{throttlingOf(throttling, shard.shardId)}</td>
                <td>
                  {shard.series.length > 0 ? (
                    <HeatShardChart shard={shard} limit={report.limits.recordsPerSecond} step={step} />
                  ) : (
                    <span className="muted">no records</span>
                  )}
                </td>
                <td>
                  <Histogram shard={shard} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Suggestions</h3>
      <HeatSuggestions report={report} />
      <HeatCapacity />
      <h3>Top keys</h3>
      {!report.sketch.exact && (
        <p className="muted">Counted by a bounded sketch: each figure may overstate by the amount shown after it.</p>
      )}
      <HeatKeys keys={report.topKeys} label="Top keys of the stream" />
      {report.shards
        .filter((shard) => shard.topKeys.length > 0)
        .map((shard) => (
          <details key={shard.shardId} className="heat__shard-keys">
            <summary>Top keys of {shortShardId(shard.shardId)}</summary>
            <HeatKeys keys={shard.topKeys} label={`Top keys of ${shard.shardId}`} />
          </details>
        ))}
    </div>
  );
}
