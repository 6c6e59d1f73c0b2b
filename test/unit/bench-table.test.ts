import { describe, expect, it } from 'vitest';
import { lower, neutral } from '../../bench/figures';
import { figuresTable } from '../../bench/figures-table';
import type { RunResult } from '../../bench/results';

const result: RunResult = {
  date: '2026-12-06T09:40:00.000Z',
  commit: { commit: 'cedc2d2'.padEnd(40, '0'), dirty: true },
  machine: { cpu: 'AMD EPYC', cores: 2, memoryGiB: 24, node: 'v22.23.5', os: 'Linux 6.1' },
  mode: 'full',
  benches: {
    drain: {
      title: 'drain, 200,000 records | 4 shards',
      size: {},
      figures: [lower('engine.seconds', 'read engine', 6.51, 's'), { ...neutral('bare.seconds', 'bare loop', 0, 's'), value: null }],
      notes: ['the sandbox\nrate'],
      seconds: 40,
    },
    charts: { title: 'charts', size: {}, figures: [], notes: [], seconds: 3, error: 'strict mode violation' },
  },
};

describe('the published table of a results file', () => {
  const lines = figuresTable(result).split('\n');

  it('says when, at which commit and on what machine, and whether the tree was clean', () => {
    expect(lines[0]).toBe(
      'Measured 2026-12-06, `cedc2d2` (with uncommitted changes) on 2 × AMD EPYC, 24 GiB, Node 22.23.5, Linux 6.1; full sizes.',
    );
  });

  it('gives each figure a row under its benchmark, escaping what would break the table', () => {
    expect(lines).toContain('| **drain**: drain, 200,000 records \\| 4 shards | read engine | 6.51 s |');
    expect(lines).toContain('|  | bare loop | not produced |');
    expect(lines).toContain('| | note | the sandbox rate |');
    expect(lines).toContain('| **charts**: charts | did not finish | strict mode violation |');
  });
});
