import { describe, expect, it } from 'vitest';
import type { ActiveConnection, RunConnection, RunSummary } from '../../shared/contract';
import { runSummarySchema } from '../../shared/contract';
import { connectionName, runAgainConnection } from '../../renderer/runs/run-connection';

const saved: RunConnection = { kind: 'endpoint', profile: 'local', label: 'local', region: 'us-east-1', endpoint: 'http://127.0.0.1:4567' };
const sandbox: RunConnection = {
  kind: 'sandbox',
  profile: null,
  label: 'Local sandbox',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:9',
};
const byFlags: RunConnection = {
  kind: 'endpoint',
  profile: null,
  label: '127.0.0.1:4567',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4567',
};
const activeOf = (c: RunConnection): ActiveConnection => ({
  ...c,
  readBudget: { getRecordsPerSecond: 5, bytesPerSecond: 1 } as never,
  readOnly: false,
});

const older = runSummarySchema.parse({
  folder: '/tmp/x',
  stream: 's',
  format: 'jsonl',
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: '2026-01-01T00:00:01Z',
  records: 1,
  files: 1,
  rejects: 0,
  shards: 1,
  seconds: 1,
  outcome: 'completed',
  reason: null,
});
const run = (connection: RunConnection): RunSummary => ({ ...older, connection });

describe("a run's connection in the history", () => {
  it('is named by its saved name, as sandbox, or by its endpoint; an older line without one is an unknown connection', () => {
    expect(connectionName(saved)).toBe('local');
    expect(connectionName(sandbox)).toBe('sandbox');
    expect(connectionName(byFlags)).toBe('http://127.0.0.1:4567');
    expect(connectionName(older.connection)).toBe('unknown connection');
  });

  it('is what run again reads with, unless it cannot be opened by name any more', () => {
    expect(runAgainConnection(run(saved), activeOf(sandbox), ['local'])).toEqual({ connection: 'local', label: 'local' });
    expect(runAgainConnection(run(saved), activeOf(saved), ['local'])).toEqual({ connection: null, label: 'local' });
    expect(runAgainConnection(run(sandbox), activeOf(saved), ['local'])).toEqual({ connection: 'Local sandbox', label: 'sandbox' });
    expect(runAgainConnection(run(saved), activeOf(sandbox), [])).toEqual({ gone: 'local' });
    expect(runAgainConnection(run(byFlags), activeOf(sandbox), ['local'])).toEqual({ gone: 'http://127.0.0.1:4567' });
    expect(runAgainConnection(older, activeOf(sandbox), ['local'])).toEqual({ gone: 'unknown connection' });
  });
});
