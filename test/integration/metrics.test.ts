import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from '../../main/aws/clients';
import { MetricsSession } from '../../main/domain/metrics/metrics-session';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '../../main/domain/sandbox/sandbox';
import type { MetricsSample } from '../../shared/contract';
import { recordingOwner } from '../support/app';
import { runCli } from '../support/cli';

const RATE = 500;

describe('the meter against the sandbox producer', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, recordsPerSecond: RATE });
  });
  afterAll(() => sandbox?.stop());

  async function measure(stream: string, seconds: number): Promise<MetricsSample[]> {
    const samples: MetricsSample[] = [];
    const client = createKinesisClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: SANDBOX_CREDENTIALS,
      maxAttempts: 1,
    });
    const owner = recordingOwner();
    const session = new MetricsSession('test', owner, { client, stream, position: { type: 'LATEST' } });
    await session.start();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
    await session.stop();
    samples.push(...owner.of('metrics:sample'));
    return samples.slice(2);
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

  it('measures the producer rate within 10%', async () => {
    // clickstream gets 20 of the producer's 29 shares (orders 4, mixed-encodings 1, payments 2, telemetry 2).
    const expected = (RATE * 20) / 29;
    const samples = await measure('clickstream', 8);
    const measured = mean(samples.map((s) => s.recordsPerSecond));
    // A bound, not a figure: the producer's timers and the meter's run on the real clock. The
    // meter's own arithmetic is exact on given times in test/unit/meter.test.ts.
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.1);
    expect(samples.at(-1)!.shards).toHaveLength(4);
    expect(samples.at(-1)!.shards.every((s) => s.getRecordsCalls > 0 && s.getRecordsCalls <= 5.5)).toBe(true);
    expect(mean(samples.map((s) => s.bytesPerSecond))).toBeGreaterThan(measured * 100);
  });

  it('counts KPL user records apart from Kinesis records', async () => {
    const samples = await measure('mixed-encodings', 8);
    const raw = mean(samples.map((s) => s.recordsPerSecond));
    const users = mean(samples.map((s) => s.userRecordsPerSecond));
    // One record in six is an aggregate of three to six user records.
    expect(raw).toBeGreaterThan(0);
    expect(users / raw).toBeGreaterThan(1.2);
  });

  it('names the skewed clickstream keys as the top contributors', async () => {
    const samples = await measure('clickstream', 4);
    const keys = samples.flatMap((s) => s.shards.flatMap((shard) => shard.topKeys.map((k) => k.key)));
    expect(keys).toContain('user-0001');
  });
});

describe('shardscope stats', () => {
  it('prints one JSON object per interval with totals and per-shard rates', async () => {
    const result = await runCli(['stats', 'orders', '--sandbox', '--interval', '1s', '--duration', '3s', '--json']);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(lines[0])).toEqual(['time', 'recordsPerSecond', 'userRecordsPerSecond', 'bytesPerSecond', 'shards']);
    expect(Object.keys(lines[0].shards[0])).toEqual([
      'shardId',
      'recordsPerSecond',
      'userRecordsPerSecond',
      'bytesPerSecond',
      'millisBehindLatest',
      'getRecordsCalls',
      'ownCallsPerSecond',
      'budgetCallsPerSecond',
      'throttled',
    ]);
    expect(lines[0].shards).toHaveLength(2);
  });

  it('refuses a malformed interval with exit code 2', async () => {
    expect((await runCli(['stats', 'orders', '--sandbox', '--interval', 'often'])).code).toBe(2);
  });
});
