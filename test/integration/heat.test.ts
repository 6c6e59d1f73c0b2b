import { ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapacityEstimate, HeatReport, Shard } from '../../shared/contract';
import { toShard } from '../../main/domain/engine/kinesis/stream-detail';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';
import { produceSkewedWindow, type SkewedWindow } from '../support/skewed-producer';

const inRange = (shard: Shard, hash: bigint) => hash >= BigInt(shard.hashKeyRange.start) && hash <= BigInt(shard.hashKeyRange.end);

describe('heat on kinesalite', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('heat');
  let shards: Shard[];
  let window: SkewedWindow;
  let report: HeatReport;
  let start = '';

  const heat = (...extra: string[]) =>
    runCli(['heat', stream, '--from', `AT_TIMESTAMP:${start}`, '--top', '20', ...extra, '--endpoint', server.endpoint]);

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 4);
    shards = ((await client.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? []).map(toShard);
    start = new Date(Date.now() - 1_000).toISOString();
    window = await produceSkewedWindow(client, stream, shards);
    const result = await heat('--json');
    expect(result.code, result.stderr).toBe(0);
    report = JSON.parse(result.stdout) as HeatReport;
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  /** Where each written user record routes, by the shard map. */
  const shardOf = (hash: bigint) => shards.find((s) => inRange(s, hash))!.shardId;
  const hotShard = () => shardOf(window.records.find((r) => r.partitionKey === window.hotKey)!.hashKey);

  it('counts every user record under its own key, and each aggregate once as a Kinesis record', () => {
    expect(report.totals.userRecords).toBe(window.records.length);
    expect(report.totals.records).toBe(window.kinesisRecords);
    expect(report.totals.bytes).toBe(window.records.reduce((sum, r) => sum + r.bytes, 0));
    for (const shard of report.shards) {
      const mine = window.records.filter((r) => shardOf(r.hashKey) === shard.shardId);
      expect(shard.totals.userRecords, shard.shardId).toBe(mine.length);
      // Every key routed by its own hash lies inside its shard's range: nothing is left unplaced.
      expect(shard.histogram.outside.userRecords).toBe(0);
      expect(shard.histogram.buckets.reduce((sum, b) => sum + b.bytes, 0)).toBe(shard.totals.bytes);
      expect(shard.series.reduce((sum, p) => sum + p.userRecords, 0)).toBe(mine.length);
    }
  });

  it('gives the top keys and shares within the sketch’s stated error, the hot key first at 40 %', () => {
    const truth = new Map<string, number>();
    for (const r of window.records) {
      const key = `${r.partitionKey}/${r.explicitHashKey ?? ''}`;
      truth.set(key, (truth.get(key) ?? 0) + r.bytes);
    }
    expect(report.topKeys[0]!.partitionKey).toBe(window.hotKey);
    expect(report.topKeys[0]!.share).toBeGreaterThan(0.39);
    expect(report.topKeys[0]!.share).toBeLessThan(0.41);
    for (const key of [...report.topKeys, ...report.shards.flatMap((s) => s.topKeys)]) {
      const real = truth.get(`${key.partitionKey}/${key.explicitHashKey ?? ''}`)!;
      expect(real, key.partitionKey).toBeLessThanOrEqual(key.bytes.count);
      expect(real, key.partitionKey).toBeGreaterThanOrEqual(key.bytes.count - key.bytes.error);
    }
    // Keys of the aggregates come with the explicit hash key that routed them.
    const routed = report.shards.flatMap((s) => s.topKeys).filter((k) => k.partitionKey.startsWith('ehk-'));
    expect(routed.map((k) => k.partitionKey).sort()).toEqual(['ehk-0', 'ehk-150', 'ehk-225', 'ehk-75']);
    for (const key of routed) {
      const written = window.records.find((r) => r.partitionKey === key.partitionKey)!;
      expect(key.explicitHashKey).toBe(written.explicitHashKey);
      expect(key.hashKey).toBe(written.explicitHashKey);
    }
  });

  it('splits each shard that can be halved into children within 5 % of half, by what was written', () => {
    const splittable = report.shards.filter((s) => s.open && s.shardId !== hotShard());
    expect(splittable.length).toBe(3);
    for (const shard of splittable) {
      const cut = BigInt(shard.split!.hashKey);
      const mine = window.records.filter((r) => shardOf(r.hashKey) === shard.shardId);
      const weight = (r: (typeof mine)[number]) => (shard.split!.measure === 'bytes' ? r.bytes : 1);
      const lower = mine.filter((r) => r.hashKey < cut).reduce((sum, r) => sum + weight(r), 0);
      const total = mine.reduce((sum, r) => sum + weight(r), 0);
      expect(Math.abs(lower - total / 2) / (total / 2), shard.shardId).toBeLessThan(0.05);
      expect(shard.split!.children[0]!.hashKeyRange.end).toBe((cut - 1n).toString());
      expect(shard.split!.children[0]!.share + shard.split!.children[1]!.share).toBeCloseTo(1);
    }
  });

  it('names the key too hot for any shard, with a salting spread, and suggests no split that cannot fix it', () => {
    const hot = report.suggestions.hotKeys.find((k) => k.key.partitionKey === window.hotKey);
    expect(hot).toMatchObject({ shardId: hotShard(), reason: 'over-half' });
    expect(hot!.salts).toBeGreaterThanOrEqual(2);
    expect(hot!.perSalt.bytesPerSecond * hot!.salts).toBeCloseTo(hot!.peak.bytesPerSecond);
    expect(report.suggestions.splits.map((s) => s.shardId)).not.toContain(hotShard());
  });

  it('suggests merges only of adjacent cold pairs', () => {
    const { merges } = report.suggestions;
    const peaks = report.shards.map((s) => `${s.shardId} ${s.peak.recordsPerSecond}/s ${s.peak.bytesPerSecond} B/s`);
    expect(merges.length, peaks.join('; ')).toBeGreaterThan(0);
    const byId = new Map(report.shards.map((s) => [s.shardId, s]));
    for (const merge of merges) {
      const [a, b] = [byId.get(merge.shardId)!, byId.get(merge.adjacentShardId)!];
      expect(BigInt(a.hashKeyRange.end) + 1n).toBe(BigInt(b.hashKeyRange.start));
      expect([a.shardId, b.shardId]).not.toContain(hotShard());
      expect(a.peak.recordsPerSecond + b.peak.recordsPerSecond).toBeLessThan(500);
      expect(a.peak.bytesPerSecond + b.peak.bytesPerSecond).toBeLessThan(512 * 1024);
    }
  });

  it('sums the shards second by second into the stream’s load, and prices that load in both modes', () => {
    const perSecond = new Map<string, { records: number; bytes: number }>();
    for (const point of report.shards.flatMap((shard) => shard.series)) {
      const second = perSecond.get(point.at) ?? { records: 0, bytes: 0 };
      perSecond.set(point.at, { records: second.records + point.records, bytes: second.bytes + point.bytes });
    }
    const busiest = Math.max(...[...perSecond.values()].map((s) => s.records));
    expect(report.streamLoad.stepSeconds).toBe(1);
    expect(report.streamLoad.peak.recordsPerSecond).toBe(busiest);
    expect(report.streamLoad.peak.bytesPerSecond).toBe(Math.max(...[...perSecond.values()].map((s) => s.bytes)));
    const seconds = (Date.parse(report.lastArrival!) - Date.parse(report.firstArrival!)) / 1000;
    expect(report.streamLoad.seconds).toBeGreaterThanOrEqual(Math.floor(seconds));
    expect(report.streamLoad.average.recordsPerSecond).toBeCloseTo(report.totals.records / report.streamLoad.seconds, 6);

    const { capacity } = report as HeatReport & { capacity: CapacityEstimate };
    expect(capacity.profile.source).toMatch(/^measured over \d+ s of heat-/);
    expect(capacity.profile.peakRecordsPerSec).toBe(busiest);
    const needed = Math.max(
      Math.ceil(busiest / 1000),
      Math.ceil(report.streamLoad.peak.bytesPerSecond / (1024 * 1024)),
      Math.ceil(capacity.profile.peakReadBytesPerSec / (2 * 1024 * 1024)),
      1,
    );
    expect(capacity.shards.needed).toBe(needed);
    expect(capacity.provisioned.monthly).toBeGreaterThan(0);
    expect(capacity.onDemand.monthly).toBeGreaterThan(0);
    expect(capacity.cheaper).toBe(capacity.provisioned.monthly < capacity.onDemand.monthly ? 'provisioned' : 'on-demand');
  });

  it('prints a readable table, refuses a suggestion it did not make, and applies a merge through the confirmed plan', async () => {
    const table = await heat('--by', 'minute');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/"hot" 4\d\.\d% of bytes/);
    expect(table.stdout).toContain(`salt:${hotShard()}`);
    expect(table.stdout).toContain('Capacity at this window’s load');
    expect(table.stdout).toMatch(/Shards needed at peak: \d+ \(by /);
    expect(table.stdout).toMatch(/(Provisioned|On-demand) is cheaper by \$\d+\.\d\d a month/);
    const unknown = await heat('--apply', 'split:shardId-000000000099');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No suggestion split:shardId-000000000099');
    const merge = report.suggestions.merges[0]!;
    const applied = await heat('--apply', merge.id, '--yes');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(`done: MergeShards ${merge.shardId} + ${merge.adjacentShardId}`);
    expect(applied.stderr).toContain(`Merge ${merge.shardId} and ${merge.adjacentShardId}`);
    const after = ((await client.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? []).map(toShard);
    expect(after.filter((s) => s.open)).toHaveLength(3);
    expect(after.find((s) => s.shardId === merge.shardId)!.open).toBe(false);
  });
});
