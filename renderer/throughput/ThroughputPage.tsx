import { useEffect, useState } from 'react';
import { shortShardId } from '../../shared/format';
import { StreamCombobox } from '../ui/picker/StreamCombobox';
import { SHARD_LIMITS, type MetricsSample } from '../../shared/contract/metrics';
import { loading } from '../api/query-state';
import { useAppStore } from '../state/store';
import { Panel } from '../ui/Panel';
import { Readouts } from '../ui/Readouts';
import { EmptyState, ErrorState } from '../ui/States';
import { formatBytes, formatLag, formatRate } from './format';
import { LastMinuteTable } from '../ui/LastMinuteTable';
import { HotShards } from './HotShards';
import { CloudWatchChart } from './CloudWatchChart';
import { SeriesChart } from './SeriesChart';
import { useThroughput } from './useThroughput';

/** With many shards, only the busiest are drawn at first; the rest are a click away. */
const INITIALLY_SHOWN = 8;

export function ThroughputPage() {
  const t = useThroughput();
  const setStream = useAppStore((s) => s.setMetricsStream);
  const start = useAppStore((s) => s.startMetrics);
  const stop = useAppStore((s) => s.stopMetrics);
  const setPaused = useAppStore((s) => s.setChartsPaused);
  const [hidden, setHidden] = useState<Set<string> | null>(null);
  const latest = t.latest;
  const busiest = latest ? [...latest.shards].sort((a, b) => b.recordsPerSecond - a.recordsPerSecond).map((s) => s.shardId) : [];
  const highlighted = new Set(latest?.shards.filter((s) => s.hot).map((s) => s.shardId) ?? []);
  const visible = new Set(t.shardIds.filter((id) => (hidden ? !hidden.has(id) : busiest.indexOf(id) < INITIALLY_SHOWN)));
  const toggle = (id: string) => setHidden(new Set(t.shardIds.filter((other) => (other === id ? visible.has(id) : !visible.has(other)))));
  const common = { samples: t.shown, shardIds: t.shardIds, visibleShards: visible, highlighted };
  const budget = latest?.shards[0]?.budgetCallsPerSecond ?? SHARD_LIMITS.readCallsPerSecond;
  const throttled = latest?.shards.reduce((sum, s) => sum + s.throttled, 0) ?? 0;

  return (
    <section className="page" aria-labelledby="throughput-heading">
      <header className="page__header">
        <h1 id="throughput-heading">Throughput</h1>
        <div className="page__actions">
          {t.session && (
            <>
              <button type="button" className="button" onClick={() => setPaused(!t.paused)}>
                {t.paused ? 'Resume charts' : 'Pause charts'}
              </button>
              <button type="button" className="button" onClick={() => void stop()}>
                Stop
              </button>
            </>
          )}
        </div>
      </header>
      <form
        className="preview-controls"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <StreamCombobox label="Stream to measure" value={t.stream} onChange={setStream} required />
        <button type="submit" className="button button--primary" disabled={!t.stream.trim()}>
          Measure from now
        </button>
        <span className="muted">Reads from LATEST and counts what arrives; no record is kept.</span>
      </form>
      {t.error && <ErrorState title="Could not measure" message={t.error} />}
      {!t.session && t.shown.length === 0 && !t.error && (
        <EmptyState title="Nothing measured yet" message="Choose a stream to chart its records, bytes and lag per shard." />
      )}
      {latest && (
        <>
          <Readouts
            label="Current values"
            items={[
              ['records per second', formatRate(latest.recordsPerSecond)],
              ['user records per second', formatRate(latest.userRecordsPerSecond)],
              ['bytes per second', formatBytes(latest.bytesPerSecond)],
              [
                'Shardscope reads per shard per second',
                `${formatRate(Math.max(0, ...latest.shards.map((s) => s.ownCallsPerSecond)))} of ${budget}`,
              ],
              ['throttled calls', String(throttled)],
              ['most behind', formatLag(Math.max(0, ...latest.shards.map((s) => s.millisBehindLatest ?? 0)))],
            ]}
          />
          <p className="muted" role="note">
            Shardscope keeps to {budget} GetRecords call{budget === 1 ? '' : 's'} a second per shard, all its pages together (the
            connection&rsquo;s read budget); Kinesis allows {SHARD_LIMITS.readCallsPerSecond}, shared with every other consumer of the
            stream.
            {throttled > 0 && <strong> Reads were throttled: other consumers share these shards, so Shardscope is backing off.</strong>}
          </p>
          <fieldset className="shard-toggles">
            <legend>Shards drawn {t.shardIds.length > INITIALLY_SHOWN && !hidden ? `(the ${INITIALLY_SHOWN} busiest)` : ''}</legend>
            {t.shardIds.map((id) => (
              <label key={id} className={highlighted.has(id) ? 'radio shard-toggle--hot' : 'radio'}>
                <input type="checkbox" checked={visible.has(id)} onChange={() => toggle(id)} />
                {shortShardId(id)}
                {highlighted.has(id) ? ' (hot)' : ''}
              </label>
            ))}
          </fieldset>
          <HotShards sample={latest} stream={t.stream} />
          <div className="charts">
            <SeriesChart
              {...common}
              title="Records per second"
              total={(s) => s.recordsPerSecond}
              perShard={(s) => s.recordsPerSecond}
              limits={[{ value: SHARD_LIMITS.writeRecordsPerSecond, label: 'write limit per shard' }]}
              format={formatRate}
            />
            <SeriesChart
              {...common}
              title="Bytes per second"
              total={(s) => s.bytesPerSecond}
              perShard={(s) => s.bytesPerSecond}
              limits={[
                { value: SHARD_LIMITS.writeBytesPerSecond, label: 'write limit per shard' },
                { value: SHARD_LIMITS.readBytesPerSecond, label: 'read limit per shard' },
              ]}
              format={formatBytes}
            />
            <SeriesChart
              {...common}
              title="Shardscope's GetRecords calls per second"
              total={(s) => s.shards.reduce((sum, shard) => sum + shard.ownCallsPerSecond, 0)}
              perShard={(s) => s.ownCallsPerSecond}
              limits={[
                { value: SHARD_LIMITS.readCallsPerSecond, label: 'Kinesis read call limit per shard' },
                { value: budget, label: 'Shardscope read budget per shard' },
              ]}
              format={formatRate}
            />
            <SeriesChart
              {...common}
              title="Milliseconds behind latest"
              total={(s) => Math.max(0, ...s.shards.map((shard) => shard.millisBehindLatest ?? 0))}
              perShard={(s) => s.millisBehindLatest ?? 0}
              format={formatLag}
            />
          </div>
          <LastMinuteTable
            label="Records a second per shard, the last minute"
            samples={t.shown.slice(-60)}
            columns={[
              { header: 'Records/s', numeric: true, value: (s) => formatRate(s.recordsPerSecond) },
              { header: 'Bytes/s', numeric: true, value: (s) => formatBytes(s.bytesPerSecond) },
              ...t.shardIds.map((id) => ({
                header: `${shortShardId(id)} records/s`,
                numeric: true,
                value: (s: MetricsSample) => formatRate(s.shards.find((shard) => shard.shardId === id)?.recordsPerSecond ?? 0),
              })),
            ]}
          />
          <CloudWatchPanel stream={latest ? t.stream : ''} />
        </>
      )}
    </section>
  );
}

function CloudWatchPanel({ stream }: { stream: string }) {
  const name = stream.trim();
  const load = useAppStore((state) => state.loadCloudWatch);
  const history = useAppStore((state) => (state.cloudWatch?.stream === name ? state.cloudWatch.history : loading));
  useEffect(() => void load(name), [load, name]);
  return (
    <Panel title="CloudWatch, last 3 hours (1-minute data)" query={history}>
      {(data) =>
        data.available ? (
          <div className="charts charts--small">
            {data.series.map((s) => (
              <CloudWatchChart key={s.metric} series={s} />
            ))}
          </div>
        ) : (
          <p className="muted">Not available: {data.reason}</p>
        )
      }
    </Panel>
  );
}
