import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/args';

const known = ['drain', 'decode', 'live-preview', 'charts'];

describe('npm run bench arguments', () => {
  it('runs every benchmark at full size by default, in the registry order', () => {
    expect(parseBenchArgs([], {}, known)).toEqual({ mode: 'full', only: known, json: null });
  });

  it('takes --smoke, --only with several names (kept in registry order) and --json', () => {
    expect(parseBenchArgs(['--smoke', '--only', 'charts,drain', '--json', 'out/a.json'], {}, known)).toEqual({
      mode: 'smoke',
      only: ['drain', 'charts'],
      json: 'out/a.json',
    });
    expect(parseBenchArgs(['--only=live-preview'], {}, known).only).toEqual(['live-preview']);
  });

  it('keeps BENCH_ONLY working, with --only taking precedence', () => {
    expect(parseBenchArgs([], { BENCH_ONLY: 'decode' }, known).only).toEqual(['decode']);
    expect(parseBenchArgs(['--only', 'charts'], { BENCH_ONLY: 'decode' }, known).only).toEqual(['charts']);
  });

  it('refuses an unknown benchmark, option or argument with a clear error', () => {
    expect(() => parseBenchArgs(['--only', 'drian'], {}, known)).toThrow('no benchmark named drian; the benchmarks are drain, decode');
    expect(() => parseBenchArgs([], { BENCH_ONLY: 'preview' }, known)).toThrow(/no benchmark named preview/);
    expect(() => parseBenchArgs(['--fast'], {}, known)).toThrow(/--fast/);
    expect(() => parseBenchArgs(['drain'], {}, known)).toThrow(/unexpected argument "drain"/);
    expect(() => parseBenchArgs(['--json'], {}, known)).toThrow(/--json/);
  });
});
