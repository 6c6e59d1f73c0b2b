import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SplitShardCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { kinesisServerKinds, startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, keyed, readAllRaw, uniqueName } from '../support/sdk';

const records = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: `user-${(from + i) % 29}`, data: JSON.stringify({ n: from + i, pad: 'p'.repeat(80) }) }));

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(kinesisServerKinds)('shardscope copy on %s', (kind) => {
  let server: RunningKinesisServer;
  let client: ReturnType<typeof arrangeClient>;
  let proxy: FaultProxy;

  beforeAll(async () => {
    server = await startKinesisServer(kind);
    client = arrangeClient(server);
    proxy = await startFaultProxy(server.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.close();
    await server?.stop();
  });

  it('copies every user record of a source resharded mid-window into another stream, once, keys kept', async () => {
    const [source, target] = [uniqueName('source'), uniqueName('target')];
    await createStream(client, source, 2);
    await createStream(client, target, 3);
    await put(client, source, records(0, 300));
    // The first shard holds hash keys 0 to 2^127 - 1: split it at 2^126.
    const parent = 'shardId-000000000000';
    await client.send(new SplitShardCommand({ StreamName: source, ShardToSplit: parent, NewStartingHashKey: (2n ** 126n).toString() }));
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1 }, { StreamName: source });
    await put(client, source, records(300, 300));

    const result = await runCli(['copy', source, target, '--json', '--endpoint', server.endpoint, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 600, written: 600, alreadyWritten: 0, outcome: 'completed' });
    const copied = await readAllRaw(client, target);
    expect(keyed(copied)).toEqual(keyed(await readAllRaw(client, source)));
  });

  it('killed with SIGKILL while a PutRecords call is in flight, then resumed: each record in the target once', async () => {
    const [source, target] = [uniqueName('source'), uniqueName('target')];
    await createStream(client, source, 2);
    await createStream(client, target, 2);
    await put(client, source, records(0, 400));
    await put(client, source, records(400, 400));
    const home = mkdtempSync(path.join(tmpdir(), 'shardscope-copy-'));
    const args = ['copy', source, target, '--endpoint', proxy.endpoint, '--region', server.region, '--yes'];

    // The first chunk's call reaches the proxy and is held there: the copy cannot know whether it landed.
    proxy.hold('PutRecords', 1);
    const child = spawnCli(args, { env: { SHARDSCOPE_HOME: home } });
    await until(() => proxy.calls.some((c) => c.operation === 'PutRecords'), 'the first PutRecords call');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    // Now it lands, after its writer has died.
    proxy.release();
    await until(async () => (await readAllRaw(client, target)).length >= 500, 'the held chunk to land');

    // Asked again without a word on the copy kept there: the CLI names the flags that carry it on or start it over.
    const again = await runCli(args, { env: { SHARDSCOPE_HOME: home } });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`An unfinished copy of ${source} into ${target} is kept in`);
    expect(again.stderr).toContain('Carry it on with --resume, or start over with --restart.');

    const resumed = await runCli([...args, '--resume', '--json'], { env: { SHARDSCOPE_HOME: home } });
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary).toMatchObject({ alreadyWritten: 500, written: 300, outcome: 'completed' });
    expect(keyed(await readAllRaw(client, target))).toEqual(keyed(await readAllRaw(client, source)));
  });

  it('a PutRecords call whose answer is lost after the target kept it: looked for in the target, not written twice', async () => {
    const [source, target] = [uniqueName('source'), uniqueName('target')];
    await createStream(client, source, 2);
    await createStream(client, target, 2);
    await put(client, source, records(0, 300));
    // The same record twice in the source: the second must not be taken for the first.
    await put(client, source, [records(0, 1)[0]!]);
    const served = proxy.injected;
    proxy.loseAnswers('PutRecords', 1);
    const result = await runCli(['copy', source, target, '--json', '--endpoint', proxy.endpoint, '--region', server.region, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.injected).toBe(served + 1);
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 301, written: 301, outcome: 'completed' });
    expect(keyed(await readAllRaw(client, target))).toEqual(keyed(await readAllRaw(client, source)));
  });

  it('refuses a copy without --yes and without a terminal, naming the flag, and writes nothing', async () => {
    const [source, target] = [uniqueName('source'), uniqueName('target')];
    await createStream(client, source, 1);
    await createStream(client, target, 1);
    await put(client, source, records(0, 5));
    const result = await runCli(['copy', source, target, '--endpoint', server.endpoint, '--region', server.region]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Pass --yes to go ahead');
    expect(await readAllRaw(client, target)).toEqual([]);
  });
});
