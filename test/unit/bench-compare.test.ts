import { describe, expect, it } from 'vitest';
import { lower, missingFigures, neutral, higher, spread, type Figure } from '../../bench/figures';
import { compareRuns, formatComparison, parseRunResult, type RunResult } from '../../bench/results';

function run(mode: 'smoke' | 'full', benches: Record<string, Figure[]>): RunResult {
  return {
    date: '2026-12-06T08:00:00.000Z',
    commit: { commit: 'a'.repeat(40), dirty: false },
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 24, node: 'v22.23.5', os: 'Linux' },
    mode,
    benches: Object.fromEntries(
      Object.entries(benches).map(([name, figures]) => [name, { title: name, size: {}, figures, notes: [], seconds: 1 }]),
    ),
  };
}

describe('comparing two benchmark runs', () => {
  const before = run('full', {
    drain: [lower('engine.seconds', 'read engine', 10, 's'), higher('engine.rate', 'rate', 1000, 'records/s')],
    charts: [neutral('frames', 'frames drawn', 100, 'frames'), lower('frame.p95', 'frame p95', 16.8, 'ms')],
    decode: [lower('json.total', 'json total', 40, 'ms')],
  });
  const after = run('full', {
    drain: [lower('engine.seconds', 'read engine', 8, 's'), higher('engine.rate', 'rate', 900, 'records/s')],
    charts: [neutral('frames', 'frames drawn', 120, 'frames'), lower('frame.p95', 'frame p95', 16.85, 'ms')],
    search: [lower('last-match.seconds', 'last match', 1.5, 's')],
  });
  const changes = compareRuns(before, after);
  const change = (bench: string, id: string) => changes.find((c) => c.bench === bench && c.id === id)!;

  it('gives the change in % and says better or worse by which way the figure improves', () => {
    expect(change('drain', 'engine.seconds')).toMatchObject({ before: 10, after: 8, changePercent: -20, verdict: 'better' });
    expect(change('drain', 'engine.rate').verdict).toBe('worse');
    expect(change('drain', 'engine.rate').changePercent).toBeCloseTo(-10);
  });

  it('calls a change under 1 % the same, and a figure with no better direction changed', () => {
    expect(change('charts', 'frame.p95').verdict).toBe('same');
    expect(change('charts', 'frames')).toMatchObject({ changePercent: 20, verdict: 'changed' });
  });

  it('lists figures present in only one of the runs as such', () => {
    expect(change('decode', 'json.total')).toMatchObject({ before: 40, after: null, verdict: 'only in A' });
    expect(change('search', 'last-match.seconds')).toMatchObject({ before: null, after: 1.5, verdict: 'only in B' });
  });

  it('prints both runs, every figure side by side, and warns when the modes differ', () => {
    const text = formatComparison(before, run('smoke', {}), compareRuns(before, run('smoke', {})));
    expect(text).toContain('note: A is a full run and B a smoke run');
    const table = formatComparison(before, after, changes);
    expect(table).toMatch(/drain read engine\s+10 s\s+8 s\s+-20\.0 %\s+better/);
    expect(table).toMatch(/decode json total\s+40 ms\s+—\s+only in A/);
  });
});

describe('results files and figures', () => {
  it('refuses a file that is not JSON or not a results file, naming it', () => {
    expect(() => parseRunResult('{', 'a.json')).toThrow(/a\.json is not JSON/);
    expect(() => parseRunResult('{"date":"x"}', 'b.json')).toThrow(/b\.json is not a benchmark results file/);
    const good = run('smoke', { drain: [lower('x', 'x', 1, 's')] });
    expect(parseRunResult(JSON.stringify(good), 'c.json')).toEqual(good);
  });

  it('finds each declared figure that is missing or not a number', () => {
    const output = { title: 't', figures: [lower('a', 'a', 1, 'ms'), ...spread('frame', 'frame', [], 'ms')] };
    expect(missingFigures(['a', 'frame.p50', 'frame.max', 'b'], output)).toEqual(['frame.p50: NaN', 'frame.max: NaN', 'b: not produced']);
    expect(missingFigures(['a'], output)).toEqual([]);
  });
});
