import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchmarks, envNumber } from '../../bench/registry';

describe('the benchmark registry', () => {
  it('lists every bench/*.bench.ts file, so none is left out of the smoke run silently', () => {
    const files = readdirSync('bench')
      .filter((file) => file.endsWith('.bench.ts'))
      .map((file) => file.slice(0, -'.bench.ts'.length))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(benchmarks.map((bench) => bench.name).sort()).toEqual(files);
  });

  it('gives each benchmark a smoke size or a written reason to leave it out', () => {
    for (const bench of benchmarks) {
      const reason = bench.smokeSkipReason?.trim() ?? '';
      expect(bench.smoke !== null || reason.length > 0, `${bench.name} has neither a smoke size nor a reason`).toBe(true);
    }
  });

  it('declares the figures each size must produce, with ids unique within a benchmark', () => {
    for (const bench of benchmarks) {
      for (const size of [bench.full({}), bench.smoke].filter((s) => s !== null)) {
        const ids = bench.figures(size);
        expect(ids.length, bench.name).toBeGreaterThan(0);
        expect(new Set(ids).size, bench.name).toBe(ids.length);
      }
    }
  });

  it('takes full sizes from the environment and refuses one that is not a positive whole number', () => {
    const drain = benchmarks.find((bench) => bench.name === 'drain')!;
    expect(drain.full({ BENCH_DRAIN_RECORDS: '5000' })).toMatchObject({ records: 5000 });
    expect(() => envNumber({ BENCH_LIVE_SECONDS: '1e' }, 'BENCH_LIVE_SECONDS', 60)).toThrow(
      'BENCH_LIVE_SECONDS must be a positive whole number, not "1e"',
    );
    expect(() => envNumber({ BENCH_ROUNDS: '-2' }, 'BENCH_ROUNDS', 10)).toThrow(/BENCH_ROUNDS/);
    const ingest = benchmarks.find((bench) => bench.name === 'ingest')!;
    expect(ingest.full({ BENCH_INGEST_RECORDS: '1000,2000' })).toEqual({ records: [1000, 2000] });
    expect(() => ingest.full({ BENCH_INGEST_RECORDS: '1000,lots' })).toThrow(/BENCH_INGEST_RECORDS/);
  });
});
