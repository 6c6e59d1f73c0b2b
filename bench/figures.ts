// The figures a benchmark produces, as numbers with units, so a run can be checked for
// completeness, written as JSON and compared with another run; the printed table derives from them.
export type Unit = 'ms' | 's' | 'records/s' | 'MiB' | '%' | 'frames' | 'records' | 'streams' | 'calls';

export interface Figure {
  /** A stable key: two runs are compared figure by figure through it. */
  id: string;
  label: string;
  value: number;
  unit: Unit;
  /** Which way is an improvement; undefined for a count that is neither (frames seen, matches). */
  better?: 'lower' | 'higher';
}

export interface BenchOutput {
  /** What was measured, at the size it ran at. */
  title: string;
  figures: Figure[];
  notes?: string[];
}

export const lower = (id: string, label: string, value: number, unit: Unit): Figure => ({ id, label, value, unit, better: 'lower' });
export const higher = (id: string, label: string, value: number, unit: Unit): Figure => ({ id, label, value, unit, better: 'higher' });
export const neutral = (id: string, label: string, value: number, unit: Unit): Figure => ({ id, label, value, unit });

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The largest value, NaN for none (Math.max would say -Infinity, which reads as a figure). */
export const maximum = (values: number[]): number => (values.length === 0 ? Number.NaN : Math.max(...values));

/** p50, p95 and max of frame times (or any latency) as three figures, so each can be compared. */
export function spread(id: string, label: string, values: number[], unit: Unit): Figure[] {
  return [
    lower(`${id}.p50`, `${label} p50`, percentile(values, 50), unit),
    lower(`${id}.p95`, `${label} p95`, percentile(values, 95), unit),
    lower(`${id}.max`, `${label} max`, maximum(values), unit),
  ];
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${unit}`;
}

/** Declared figures that are missing or not finite: each one a reason the smoke run fails. */
export function missingFigures(declared: string[], output: BenchOutput): string[] {
  const byId = new Map(output.figures.map((figure) => [figure.id, figure]));
  return declared.flatMap((id) => {
    const figure = byId.get(id);
    if (!figure) return [`${id}: not produced`];
    return Number.isFinite(figure.value) ? [] : [`${id}: ${figure.value}`];
  });
}

export function formatOutput(output: BenchOutput): string {
  const width = Math.max(...output.figures.map((figure) => figure.label.length), 0);
  const lines = [output.title, ...output.figures.map((f) => `  ${f.label.padEnd(width)}  ${formatValue(f.value, f.unit)}`)];
  for (const note of output.notes ?? []) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
