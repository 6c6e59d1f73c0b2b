import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatLag, shortShardId } from '../../shared/format';
import { LastMinuteTable } from '../ui/LastMinuteTable';
import type { LagPoint } from '../state/consumers-state';

const palette = ['#2f6fdf', '#e0803a', '#3aa76d', '#c2417a', '#8c5fd6', '#c9a227', '#2ba5b5', '#d1495b'];
const WINDOW_S = 300;

/**
 * One application's lag per shard while the panel is open, with the throughput charts' library:
 * a line per shard, in seconds behind, so a lag that grows is seen growing. The plot is made
 * once per set of shards and then only fed new points.
 */
export function LagChart({ table, shardIds, history }: { table: string; shardIds: readonly string[]; history: readonly LagPoint[] }) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const key = shardIds.join(',');

  useEffect(() => {
    const element = container.current!;
    const series: uPlot.Series[] = [
      {},
      ...shardIds.map((id, index) => ({
        label: shortShardId(id),
        stroke: palette[index % palette.length],
        width: 1.5,
        // Points until a line can be drawn: the first samples would otherwise show nothing.
        points: { show: (u: uPlot) => (u.data[0]?.length ?? 0) < 3, size: 5 },
        value: (_u: uPlot, v: number | null) => (v == null ? '–' : formatLag(v * 1_000)),
      })),
    ];
    plot.current = new uPlot(
      {
        width: element.clientWidth || 600,
        height: 160,
        series,
        axes: [{ space: 90 }, { values: (_u, values) => values.map((v) => formatLag(v * 1_000)), size: 80 }],
        scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
      },
      [[], ...shardIds.map(() => [])],
      element,
    );
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: element.clientWidth, height: 160 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuilt only when the shards change; the points are fed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    const columns: (number | null)[][] = [history.map((p) => p.time / 1_000)];
    for (const id of shardIds)
      columns.push(history.map((p) => ((p.lags[table]?.[id] ?? null) === null ? null : p.lags[table]![id]! / 1_000)));
    const u = plot.current;
    if (!u) return;
    u.setData(columns as uPlot.AlignedData, false);
    // At least the last five minutes across, so the first samples are points in time, not the middle of years.
    const times = columns[0] as number[];
    if (times.length) u.setScale('x', { min: Math.min(times[0]!, times.at(-1)! - WINDOW_S), max: times.at(-1)! });
  }, [history, shardIds, table]);

  return (
    <figure className="lag-chart">
      <div ref={container} role="img" aria-label={`Lag per shard of ${table} over the last ${history.length} samples`} />
      <LastMinuteTable
        label={`Lag of ${table}, last minute`}
        samples={history.slice(-12)}
        columns={shardIds.map((id) => ({
          header: shortShardId(id),
          numeric: true,
          value: (point: LagPoint) => formatLag(point.lags[table]?.[id] ?? null),
        }))}
      />
    </figure>
  );
}
