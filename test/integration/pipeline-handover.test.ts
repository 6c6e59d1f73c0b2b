import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { tempDataDir } from '../support/app';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

// A run into a folder, the hand-over assets made from it, and `pipeline verify` against folders
// that stand for an engine's output: a second ingest from a time inside the run (overlap) and one
// from a time after a stretch neither read (gap).
describe('shardscope pipeline', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = 'handover';
  const home = tempDataDir();
  const folder = (name: string) => path.join(home, name);
  const on = () => ['--endpoint', server.endpoint, '--quiet'];
  /** The first record of each phase arrived at or after these moments. */
  const phaseStarts: string[] = [];
  const SHARD_HASH_KEYS = ['0', '170141183460469231731687303715884105728'];

  /**
   * Arrival times are milliseconds: a phase's moment is one the clock has moved past since the last
   * put, and its puts wait until the clock has moved past the moment too. A record stamped with the
   * moment itself would be both before a run's --until and at an engine's start.
   */
  async function nextMoment(): Promise<string> {
    const tick = async (after: number) => {
      while (Date.now() <= after) await new Promise((resolve) => setImmediate(resolve));
    };
    await tick(Date.now());
    const moment = Date.now();
    await tick(moment);
    return new Date(moment).toISOString();
  }

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    for (let phase = 0; phase < 4; phase++) {
      phaseStarts.push(await nextMoment());
      for (const [shard, hash] of SHARD_HASH_KEYS.entries())
        for (let i = 0; i < 3; i++) {
          const n = phase * 10 + i;
          await client.send(
            new PutRecordCommand({
              StreamName: stream,
              PartitionKey: `k${shard}-${n}`,
              ExplicitHashKey: hash,
              Data: Buffer.from(JSON.stringify({ id: `o-${shard}-${n}`, quantity: n, price: n + 0.5 })),
            }),
          );
        }
    }
    await nextMoment();
    // The run: phases 0 and 1, as Parquet.
    const run = await runCli(['ingest', stream, '--to', folder('run'), '--format', 'parquet', '--until', phaseStarts[2]!, ...on()]);
    expect(run.code, run.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it.each(['firehose', 'flink', 'spark'])('writes the %s assets from the run, never over existing files unless forced', async (engine) => {
    const out = folder(`assets-${engine}`);
    const args = ['pipeline', stream, '--engine', engine, '--from-run', folder('run'), '--out', out, '--prefix', 's3://lake/orders/'];
    const first = await runCli([...args, '--partition-by', 'arrival:hour', ...on()]);
    expect(first.code, first.stderr).toBe(0);
    const written = first.stdout.trim().split('\n');
    expect(written).toEqual(expect.arrayContaining([path.join(out, 'dedupe-athena.sql'), path.join(out, 'CUTOVER.txt')]));
    for (const file of written) expect(existsSync(file), file).toBe(true);
    // The run's own columns reach the engine's assets.
    const main = readFileSync(written[0]!, 'utf8');
    expect(main).toMatch(/quantity/);
    expect(main).toMatch(/price/);
    if (engine === 'firehose') {
      const template = JSON.parse(main) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
      const columns = (template.Resources.GlueTable!.Properties.TableInput as { StorageDescriptor: { Columns: unknown[] } })
        .StorageDescriptor.Columns;
      expect(columns).toEqual(
        expect.arrayContaining([
          { Name: 'id', Type: 'string' },
          { Name: 'quantity', Type: 'bigint' },
          { Name: 'price', Type: 'double' },
        ]),
      );
      expect(main).toContain(`arn:aws:kinesis:${server.region}:`);
    }

    const again = await runCli([...args, ...on()]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds .*Add --force to replace them/s);
    const forced = await runCli([...args, '--force', ...on()]);
    expect(forced.code, forced.stderr).toBe(0);
  });

  it('refuses a run of another stream, writing nothing', async () => {
    const other = await runCli([
      'pipeline',
      'other',
      '--engine',
      'spark',
      '--from-run',
      folder('run'),
      '--out',
      folder('y'),
      '--prefix',
      's3://lake/o/',
      ...on(),
    ]);
    expect(other.code).not.toBe(0);
    expect(existsSync(folder('y'))).toBe(false);
  });

  it('verifies an engine output that overlaps the run, shard by shard', async () => {
    const engine = await runCli(['ingest', stream, '--to', folder('engine-overlap'), '--from', phaseStarts[1]!, ...on()]);
    expect(engine.code, engine.stderr).toBe(0);
    const verify = await runCli(['pipeline', 'verify', '--run', folder('run'), '--engine-output', folder('engine-overlap'), '--json']);
    expect(verify.code, verify.stderr).toBe(0);
    const report = JSON.parse(verify.stdout) as { passed: boolean; shards: Record<string, unknown>[] };
    expect(report.passed).toBe(true);
    expect(report.shards).toHaveLength(2);
    for (const shard of report.shards)
      expect(shard).toMatchObject({
        runRecords: 6,
        engineRecords: 9,
        overlap: 3,
        duplicates: 0,
        missingFromRun: 0,
        missingFromEngine: 0,
        verdict: 'ok',
      });
    const table = await runCli(['pipeline', 'verify', '--run', folder('run'), '--engine-output', folder('engine-overlap')]);
    expect(table.stdout).toMatch(/shardId-000000000000 +6 +9 +3 +0 .* ok/);
    expect(table.stdout).toContain('Hand-over verified');
  });

  it('fails verify when the engine starts after a stretch the run never read', async () => {
    const engine = await runCli(['ingest', stream, '--to', folder('engine-gap'), '--from', phaseStarts[3]!, ...on()]);
    expect(engine.code, engine.stderr).toBe(0);
    const verify = await runCli(['pipeline', 'verify', '--run', folder('run'), '--engine-output', folder('engine-gap'), '--json']);
    expect(verify.code).toBe(1);
    const report = JSON.parse(verify.stdout) as { passed: boolean; shards: { runLast: string; engineFirst: string }[] };
    expect(report.passed).toBe(false);
    for (const shard of report.shards) {
      expect(shard).toMatchObject({ runRecords: 6, engineRecords: 3, overlap: 0, verdict: 'gap' });
      expect(BigInt(shard.engineFirst)).toBeGreaterThan(BigInt(shard.runLast));
    }
  });
});
