import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byArrival, putRoundRobin, type ArrivedRecord } from '../support/arrival';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

/** Where each printed JSON line came from, to compare with the order the stream holds. */
const origins = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { shardId: string; sequenceNumber: string })
    .map(({ shardId, sequenceNumber }) => ({ shardId, sequenceNumber }));
const originOf = (r: ArrivedRecord) => ({ shardId: r.shardId, sequenceNumber: r.sequenceNumber });

describe('records across shards in arrival order', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  let arrived: ArrivedRecord[];
  const flags = () => ['--from', 'TRIM_HORIZON', '--endpoint', server.endpoint];

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, 'orders', 3);
    // Round robin: the earliest records lie in every shard, so a search that takes one shard's page first gets the wrong ones.
    await putRoundRobin(
      client,
      'orders',
      Array.from({ length: 12 }, (_, i) => JSON.stringify({ n: i, even: i % 2 === 0 })),
    );
    arrived = await byArrival(client, 'orders');
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('search --limit N gives the earliest N matches of the window, in arrival order', async () => {
    const result = await runCli(['search', 'orders', '--where', 'true', '--limit', '5', '--output', 'jsonl', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(origins(result.stdout)).toEqual(arrived.slice(0, 5).map(originOf));
    expect(result.stderr).toMatch(/matched 5/);
  });

  it('search --limit counts matches only: the earliest N that match, whatever shard holds them', async () => {
    const result = await runCli(['search', 'orders', '--where', 'data.even', '--limit', '4', '--json', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    const even = arrived.filter((r) => (JSON.parse(r.data) as { even: boolean }).even);
    expect(origins(result.stdout)).toEqual(even.slice(0, 4).map(originOf));
  });

  it('search --order takes arrival, and a per-shard guess is told where that order lives', async () => {
    const ok = await runCli(['search', 'orders', '--where', 'true', '--order', 'arrival', '--json', ...flags()]);
    expect(origins(ok.stdout)).toEqual(arrived.map(originOf));
    const refused = await runCli(['search', 'orders', '--where', 'true', '--order', 'shard', ...flags()]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/always gives its matches in arrival order.*tail --order shard/s);
    expect(refused.stdout).toBe('');
  });

  it('tail --order arrival --until caught-up prints every record once, fully merged by arrival', async () => {
    const result = await runCli(['tail', 'orders', '--order', 'arrival', '--until', 'caught-up', '--json', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(origins(result.stdout)).toEqual(arrived.map(originOf));
  });

  it('tail --order arrival while following merges the backlog too, within its reorder window', async () => {
    const result = await runCli(['tail', 'orders', '--order', 'arrival', '--limit', '12', '--json', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(origins(result.stdout)).toEqual(arrived.map(originOf));
  });

  it('tail --order takes shard or arrival and says so for anything else', async () => {
    const result = await runCli(['tail', 'orders', '--order', 'time', ...flags()]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/shard \(each shard as it is read\) or arrival/);
  });
});
