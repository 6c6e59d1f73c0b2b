// The JSON a run writes with --json, and the comparison of two of them (npm run bench:compare).
import { z } from 'zod';
import { formatValue, type Figure, type Unit } from './figures';

const figureSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  // JSON has no NaN: a figure a run could not produce is written as null.
  value: z.number().nullable(),
  unit: z.string(),
  better: z.enum(['lower', 'higher']).optional(),
});

export const runResultSchema = z.object({
  date: z.string(),
  commit: z.object({ commit: z.string(), dirty: z.boolean() }),
  machine: z.object({ cpu: z.string(), cores: z.number(), memoryGiB: z.number(), node: z.string(), os: z.string() }),
  mode: z.enum(['smoke', 'full']),
  benches: z.record(
    z.string(),
    z.object({
      title: z.string(),
      size: z.unknown(),
      figures: z.array(figureSchema),
      notes: z.array(z.string()),
      seconds: z.number(),
      error: z.string().optional(),
    }),
  ),
});

export type RunResult = z.infer<typeof runResultSchema>;

/** Parses a results file's text, naming the file in any error. */
export function parseRunResult(text: string, file: string): RunResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = runResultSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not a benchmark results file: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export type Verdict = 'better' | 'worse' | 'same' | 'changed' | 'only in A' | 'only in B' | 'missing';

export interface FigureChange {
  bench: string;
  id: string;
  label: string;
  unit: string;
  before: number | null;
  after: number | null;
  /** (after - before) / before in %, null when either side is missing or before is 0. */
  changePercent: number | null;
  verdict: Verdict;
}

/** Changes smaller than this are within what the same benchmark varies from run to run. */
export const SAME_WITHIN_PERCENT = 1;

export function compareRuns(a: RunResult, b: RunResult): FigureChange[] {
  const changes: FigureChange[] = [];
  const benchNames = [...new Set([...Object.keys(a.benches), ...Object.keys(b.benches)])];
  for (const bench of benchNames) {
    const before = new Map((a.benches[bench]?.figures ?? []).map((f) => [f.id, f]));
    const after = new Map((b.benches[bench]?.figures ?? []).map((f) => [f.id, f]));
    for (const id of [...new Set([...before.keys(), ...after.keys()])]) {
      const [x, y] = [before.get(id), after.get(id)];
      const figure = (y ?? x)!;
      const base = { bench, id, label: figure.label, unit: figure.unit, before: x?.value ?? null, after: y?.value ?? null };
      if (!x || !y) {
        changes.push({ ...base, changePercent: null, verdict: x ? 'only in A' : 'only in B' });
        continue;
      }
      if (x.value === null || y.value === null) {
        changes.push({ ...base, changePercent: null, verdict: 'missing' });
        continue;
      }
      const changePercent = x.value === 0 ? null : ((y.value - x.value) / Math.abs(x.value)) * 100;
      changes.push({ ...base, changePercent, verdict: verdictOf(x.value, y.value, changePercent, y.better ?? x.better) });
    }
  }
  return changes;
}

function verdictOf(before: number, after: number, changePercent: number | null, better: Figure['better']): Verdict {
  if (before === after || (changePercent !== null && Math.abs(changePercent) < SAME_WITHIN_PERCENT)) return 'same';
  if (!better) return 'changed';
  return after < before === (better === 'lower') ? 'better' : 'worse';
}

const show = (value: number | null, unit: string) => (value === null ? '—' : formatValue(value, unit as Unit));

export function formatComparison(a: RunResult, b: RunResult, changes: FigureChange[]): string {
  const header = (name: string, run: RunResult) =>
    `${name}: ${run.date}, ${run.mode}, ${run.commit.commit.slice(0, 12)}${run.commit.dirty ? ' (dirty)' : ''}, ${run.machine.cores} × ${run.machine.cpu}, Node ${run.machine.node}`;
  const lines = [header('A', a), header('B', b)];
  if (a.mode !== b.mode) lines.push(`note: A is a ${a.mode} run and B a ${b.mode} run; their sizes differ`);
  const rows = changes.map((c) => [
    `${c.bench} ${c.label}`,
    show(c.before, c.unit),
    show(c.after, c.unit),
    c.changePercent === null ? '' : `${c.changePercent > 0 ? '+' : ''}${c.changePercent.toFixed(1)} %`,
    c.verdict,
  ]);
  const table = [['figure', 'A', 'B', 'change', ''], ...rows];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
  for (const row of table)
    lines.push(
      row
        .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
        .join('  ')
        .trimEnd(),
    );
  return lines.join('\n');
}
