import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeatKey, HeatReport } from '../../shared/contract';
import { toShard } from '../../main/domain/engine/kinesis/stream-detail';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';
import { produceSkewedWindow, type SkewedWindow } from '../support/skewed-producer';

/** Every key a report names: overall, per shard and in the hot-key callouts. */
const keysOf = (report: HeatReport): HeatKey[] => [
  ...report.topKeys,
  ...report.shards.flatMap((s) => s.topKeys),
  ...report.suggestions.hotKeys.map((k) => k.key),
];

describe('heat under the connection’s masking rules', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('heatmask');
  let window: SkewedWindow;
  let start = '';

  /** Heat as a connection whose only rule is `rule` sees it: each in its own home, so rules do not mix. */
  const heatUnder = async (rule: string[]): Promise<{ report: HeatReport; stdout: string }> => {
    const env = { SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'shardscope-heatmask-')) };
    const flags = ['--endpoint', server.endpoint, '--region', server.region];
    const added = await runCli(['mask', 'add', ...rule, ...flags], { env });
    expect(added.code, added.stderr).toBe(0);
    const result = await runCli(['heat', stream, '--from', `AT_TIMESTAMP:${start}`, '--top', '20', '--json', ...flags], { env });
    expect(result.code, result.stderr).toBe(0);
    return { report: JSON.parse(result.stdout) as HeatReport, stdout: result.stdout };
  };

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 4);
    const shards = ((await client.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? []).map(toShard);
    start = new Date(Date.now() - 1_000).toISOString();
    window = await produceSkewedWindow(client, stream, shards);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('redacts every partition key, explicit hash key and key hash under a rule on partitionKey', async () => {
    const { report, stdout } = await heatUnder(['--path', 'partitionKey', '--action', 'redact']);
    // The counts are the clear window's: masking changes what is shown, not what is counted.
    expect(report.totals.userRecords).toBe(window.records.length);
    expect(report.topKeys[0]!.share).toBeGreaterThan(0.39);
    const keys = keysOf(report);
    expect(keys.length).toBeGreaterThan(20);
    expect(report.suggestions.hotKeys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ partitionKey: '***', hashKey: null, masked: true });
      expect(key.explicitHashKey === null || key.explicitHashKey === '***').toBe(true);
    }
    expect(keys.some((k) => k.explicitHashKey === '***')).toBe(true);
    // Hash ranges may share digits with an explicit hash key; only what is said of the keys is checked for them.
    const said = JSON.stringify(keys);
    for (const written of new Set(window.records.map((r) => r.explicitHashKey).filter((h) => h !== null)))
      expect(said).not.toContain(written);
    expect(stdout).not.toMatch(/"(hot|user-\d+|ehk-\d+)"/);
  });

  it('masks only the keys a pattern finds, and the explicit hash keys paired with them', async () => {
    const { report } = await heatUnder(['--pattern', 'ehk-\\d+', '--action', 'partial']);
    const keys = keysOf(report);
    const routed = keys.filter((k) => k.explicitHashKey !== null);
    expect(routed.length).toBeGreaterThan(0);
    for (const key of routed) {
      expect(key.partitionKey).toMatch(/^\*\*\*.{1,4}$/);
      expect(key).toMatchObject({ explicitHashKey: '***', hashKey: null, masked: true });
    }
    // A key no rule covers is left as it was, hash key and all.
    const hot = keys.find((k) => k.partitionKey === window.hotKey)!;
    expect(hot.hashKey).toBe(window.records.find((r) => r.partitionKey === window.hotKey)!.hashKey.toString());
    expect(hot.masked).toBeUndefined();
  });
});
