import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HeatShard } from '../../../../shared/contract';

/**
 * A shard's records per step against its limit, small enough to sit in a table row. The figures
 * are in the row beside it, so the chart is an image with a text alternative, not an interactive plot.
 */
export function HeatShardChart({ shard, limit, step }: { shard: HeatShard; limit: number; step: number }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current!;
    // A canvas takes colours, not CSS variables: the theme's are read where the chart is drawn.
    const token = (name: string) => getComputedStyle(element).getPropertyValue(`--${name}`).trim();
    const times = shard.series.map((p) => Date.parse(p.at) / 1000);
    const records = shard.series.map((p) => p.records / step);
    const plot = new uPlot(
      {
        width: 220,
        height: 60,
        legend: { show: false },
        cursor: { show: false },
        axes: [{ show: false }, { show: false }],
        scales: { y: { range: (_u, _min, max) => [0, Math.max(max, limit) * 1.1] } },
        series: [
          {},
          { label: 'records/s', stroke: token('accent'), width: 1.5, points: { show: times.length < 3 } },
          { label: 'limit', stroke: token('danger'), width: 1, dash: [4, 4], points: { show: false } },
        ],
      },
      [times, records, times.map(() => limit)],
      element,
    );
    return () => plot.destroy();
  }, [shard, limit, step]);
  const peak = Math.round(shard.peak.recordsPerSecond);
  return (
    <div
      ref={container}
      className="heat__chart"
      role="img"
      aria-label={`Records per second of ${shard.shardId} over the window, peak ${peak} against a limit of ${limit}`}
    />
  );
}
