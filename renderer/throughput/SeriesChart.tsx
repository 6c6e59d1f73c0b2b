import { useEffect, useRef } from 'react';
import { shortShardId } from '../../shared/format';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricsSample, ShardSample } from '../../shared/contract';

const palette = ['#2f6fdf', '#e0803a', '#3aa76d', '#c2417a', '#8c5fd6', '#c9a227', '#2ba5b5', '#d1495b'];

export interface SeriesChartProps {
  title: string;
  samples: readonly MetricsSample[];
  total: (sample: MetricsSample) => number;
  perShard: (shard: ShardSample) => number;
  shardIds: readonly string[];
  visibleShards: ReadonlySet<string>;
  highlighted: ReadonlySet<string>;
  /** Per-shard limits to draw as dashed lines. */
  limits?: readonly { value: number; label: string }[];
  format: (value: number) => string;
}

/**
 * One uPlot chart: the total and each shard over the last fifteen minutes. The plot is made once
 * per set of shards and then only fed new data, which keeps fifty series cheap to redraw.
 */
export function SeriesChart(props: SeriesChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shardKey = props.shardIds.join(',');

  useEffect(() => {
    const element = container.current!;
    const series: uPlot.Series[] = [
      {},
      { label: 'total', stroke: 'currentColor', width: 2, value: (_u, v) => (v == null ? '–' : props.format(v)) },
      ...props.shardIds.map((id, index) => ({
        label: shortShardId(id),
        stroke: palette[index % palette.length],
        width: props.highlighted.has(id) ? 2 : 1,
        show: props.visibleShards.has(id),
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v == null ? '–' : props.format(v)),
      })),
      ...(props.limits ?? []).map((limit, index) => ({
        label: limit.label,
        stroke: index === 0 ? '#b42335' : '#9a6200',
        dash: [6, 4],
        width: 1,
        points: { show: false },
        value: () => props.format(limit.value),
      })),
    ];
    plot.current = new uPlot(
      {
        width: element.clientWidth || 600,
        height: 180,
        series,
        axes: [{}, { values: (_u, values) => values.map((v) => props.format(v)), size: 70 }],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
      },
      [[], ...series.slice(1).map(() => [])],
      element,
    );
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: element.clientWidth, height: 180 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The plot is rebuilt only when the set of shards changes; data and visibility are fed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shardKey, props.limits?.length ?? 0]);

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    // Column by column in one pass over the samples: fifty shards times 900 samples is cheap this way.
    const index = new Map(props.shardIds.map((id, i) => [id, i]));
    const count = props.samples.length;
    const times = new Array<number>(count);
    const totals = new Array<number>(count);
    const byShard = props.shardIds.map(() => new Array<number | null>(count).fill(null));
    let busiest = 0;
    props.samples.forEach((sample, j) => {
      times[j] = Date.parse(sample.time) / 1000;
      totals[j] = props.total(sample);
      for (const shard of sample.shards) {
        const i = index.get(shard.shardId);
        if (i === undefined) continue;
        const value = props.perShard(shard);
        byShard[i]![j] = value;
        if (value > busiest) busiest = value;
      }
    });
    const data = [times, totals, ...byShard, ...(props.limits ?? []).map((limit) => times.map(() => limit.value))];
    u.setData(data as uPlot.AlignedData);
    props.shardIds.forEach((id, index) => {
      const show = props.visibleShards.has(id);
      if (u.series[index + 2]?.show !== show) u.setSeries(index + 2, { show });
    });
    (props.limits ?? []).forEach((limit, index) => {
      // Far below a limit, its line would flatten the data: draw it once a shard reaches a fifth of it.
      const limitIndex = props.shardIds.length + 2 + index;
      const show = busiest >= limit.value / 5;
      if (u.series[limitIndex]?.show !== show) u.setSeries(limitIndex, { show });
    });
  }, [props]);

  return (
    <figure className="chart" aria-label={props.title}>
      <figcaption className="chart__title">{props.title}</figcaption>
      <div ref={container} className="chart__plot" />
    </figure>
  );
}
