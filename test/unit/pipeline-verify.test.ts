import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyHandOver } from '../../main/domain/pipelines/verify';
import { duckdb } from '../support/duckdb';

interface Row {
  shardId: string | null;
  sequenceNumber: string;
  subSequenceNumber?: number | null;
  partitionKey?: string;
}

const rows = (shardId: string | null, seqs: number[], partitionKey = 'k'): Row[] =>
  seqs.map((n) => ({ shardId, sequenceNumber: String(n), subSequenceNumber: null, partitionKey: `${partitionKey}${n}` }));

function folderWith(files: Record<string, Row[]>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'shardscope-verify-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(
      path.join(folder, name),
      content.map((r) => `${JSON.stringify({ ...r, arrivalTime: '2026-12-06T10:00:00Z', id: 1 })}\n`).join(''),
    );
  }
  return folder;
}

describe('verifying a hand-over', () => {
  it('counts each shard and tells an overlap from a gap, a mismatch and duplicates', async () => {
    // Sequence numbers of different lengths: 9 comes before 10 only when compared as numbers.
    const run = folderWith({
      'part-00000.jsonl': [...rows('A', [8, 9, 10, 11]), ...rows('B', [1, 2, 3]), ...rows('C', [1, 2, 3, 4])],
      'part-00001.jsonl': [...rows('D', [1, 2]), ...rows('E', [1])],
      'rejects.jsonl': rows('A', [99]),
      'run.json': [],
    });
    const engine = folderWith({
      'dt=2026-12-06/hour=10/a.jsonl': [...rows('A', [10, 11, 12, 13]), ...rows('B', [5, 6]), ...rows('C', [2, 4, 5])],
      'dt=2026-12-06/hour=11/b.jsonl': [...rows('D', [2, 3, 3]), ...rows('F', [1])],
      _SUCCESS: [],
    });
    const checks = await verifyHandOver(run, engine);
    const byShard = Object.fromEntries(checks.map((c) => [c.shardId, c]));
    expect(byShard.A).toMatchObject({
      runRecords: 4,
      engineRecords: 4,
      overlap: 2,
      duplicates: 0,
      runLast: '11',
      engineFirst: '10',
      verdict: 'ok',
    });
    expect(byShard.B).toMatchObject({ runRecords: 3, engineRecords: 2, overlap: 0, runLast: '3', engineFirst: '5', verdict: 'gap' });
    expect(byShard.C).toMatchObject({ overlap: 2, missingFromEngine: 1, missingFromRun: 0, verdict: 'mismatch' });
    expect(byShard.D).toMatchObject({ overlap: 1, duplicates: 1, verdict: 'duplicates' });
    expect(byShard.E).toMatchObject({ runRecords: 1, engineRecords: 0, verdict: 'run-only' });
    expect(byShard.F).toMatchObject({ runRecords: 0, engineRecords: 1, verdict: 'engine-only' });
  });

  it('places rows without a shard id (Spark) on the run shard of the same partition key and sequence number', async () => {
    const run = folderWith({ 'part-00000.jsonl': [...rows('A', [1, 2, 3]), ...rows('B', [1, 2], 'b')] });
    const engine = folderWith({ 'x.jsonl': [...rows(null, [2, 3, 4]), ...rows(null, [2, 3], 'b')] });
    const checks = await verifyHandOver(run, engine);
    expect(checks.map((c) => [c.shardId, c.overlap, c.verdict])).toEqual([
      ['(unknown)', 0, 'engine-only'],
      ['A', 2, 'ok'],
      ['B', 1, 'ok'],
    ]);
  });

  it('reads Parquet and CSV beside JSON Lines', async () => {
    const run = folderWith({ 'part-00000.jsonl': rows('A', [1, 2, 3]) });
    const engine = mkdtempSync(path.join(tmpdir(), 'shardscope-verify-'));
    await duckdb(
      `COPY (SELECT 'A' AS shardId, '3' AS sequenceNumber, NULL::BIGINT AS subSequenceNumber, 'k3' AS partitionKey) TO '${engine}/a.parquet' (FORMAT parquet)`,
    );
    writeFileSync(path.join(engine, 'b.csv'), 'shardId,sequenceNumber,subSequenceNumber,partitionKey\nA,4,,k4\n');
    const [check] = await verifyHandOver(run, engine);
    expect(check).toMatchObject({ shardId: 'A', runRecords: 3, engineRecords: 2, overlap: 1, verdict: 'ok' });
  });

  it('says when a folder holds nothing to compare, and when files lack the key columns', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'shardscope-verify-'));
    const run = folderWith({ 'part-00000.jsonl': rows('A', [1]) });
    await expect(verifyHandOver(run, empty)).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('holds no Parquet'),
    });
    await expect(verifyHandOver(run, path.join(empty, 'missing'))).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('is not a folder'),
    });
    const foreign = mkdtempSync(path.join(tmpdir(), 'shardscope-verify-'));
    writeFileSync(path.join(foreign, 'x.csv'), 'a,b\n1,2\n');
    await expect(verifyHandOver(run, foreign)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('could not be compared'),
    });
  });
});
