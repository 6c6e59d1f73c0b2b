import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { CloudWatchSeries } from '../../shared/contract';

/** One CloudWatch metric over three hours, labelled as CloudWatch data, not as measured. */
export function CloudWatchChart({ series }: { series: CloudWatchSeries['series'][number] }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current!;
    const plot = new uPlot(
      {
        width: element.clientWidth || 300,
        height: 120,
        series: [{}, { label: `${series.metric} (${series.statistic}, CloudWatch)`, stroke: '#8c5fd6', width: 1, points: { show: false } }],
      },
      [series.points.map((p) => Date.parse(p.time) / 1000), series.points.map((p) => p.value)],
      element,
    );
    return () => plot.destroy();
  }, [series]);
  return (
    <figure className="chart" aria-label={`${series.metric}, CloudWatch`}>
      <figcaption className="chart__title">
        {series.metric} <span className="muted">CloudWatch, 1-minute {series.statistic.toLowerCase()}</span>
      </figcaption>
      <div ref={container} className="chart__plot" />
    </figure>
  );
}
