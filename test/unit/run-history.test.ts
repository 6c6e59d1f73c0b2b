import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/contract/runs';
import { RunHistory } from '../../main/domain/runs/run-history';
import { tempDataDir } from '../support/app';

const summary = (n: number): RunSummary => ({
  folder: `/exports/run-${n}`,
  stream: 'orders',
  format: 'jsonl',
  startedAt: '2026-12-01T00:00:00.000Z',
  endedAt: '2026-12-01T00:01:00.000Z',
  records: n,
  files: 1,
  rejects: 0,
  shards: 1,
  seconds: 60,
  outcome: 'completed',
  reason: null,
});

describe('the run history file', () => {
  it('keeps the newest 1,000 runs, with runs ending at once in two processes all kept', async () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'runs-history.jsonl');
    // 998 runs from before, as a history that was never trimmed holds them.
    writeFileSync(file, Array.from({ length: 998 }, (_, n) => `${JSON.stringify(summary(n))}\n`).join(''));
    // Two writers (the app and a CLI run) ending runs at the same time.
    const app = new RunHistory(dataDir);
    const cli = new RunHistory(dataDir);
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? app : cli).add(summary(998 + i))));
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1_000);
    const kept = (await app.list()).map((run) => run.records);
    expect(kept).toHaveLength(1_000);
    // The eight oldest went; every one of the ten new runs is there.
    expect(Math.min(...kept)).toBe(8);
    expect(new Set(kept)).toEqual(new Set(Array.from({ length: 1_000 }, (_, n) => n + 8)));
  });
});
