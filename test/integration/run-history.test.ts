import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingOwner, startTestApp, tempDataDir } from '../support/app';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

describe('the run history (kinesalite)', () => {
  let server: RunningKinesisServer;
  const stream = uniqueName('history');
  const dataDir = tempDataDir();

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, stream, 1);
    await put(
      client,
      stream,
      Array.from({ length: 40 }, (_, n) => ({ key: `k${n}`, data: JSON.stringify({ n }) })),
    );
    client.destroy();
  });
  afterAll(async () => server?.stop());

  it('holds a run by the time its window hears it stopped', async () => {
    const app = await startTestApp({ dataDir, connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
    try {
      const owner = recordingOwner();
      const folder = path.join(tempDataDir(), 'app-run');
      const started = await app.dispatch(
        'runs:start',
        { spec: { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder } },
        owner,
      );
      const sessionId = (started as { value: { sessionId: string } }).value.sessionId;
      // Asked the moment the stop arrives, as the Runs page does: no wait for a later write.
      const history = await new Promise<unknown>((resolve) => {
        const check = setInterval(() => {
          if (owner.of('session:status').some((s) => s.sessionId === sessionId && s.state === 'stopped')) {
            clearInterval(check);
            resolve(app.dispatch('runs:history', {}, owner));
          }
        }, 1);
      });
      expect(history).toMatchObject({
        ok: true,
        value: { runs: [expect.objectContaining({ stream, folder, outcome: 'completed', records: 40 })] },
      });
    } finally {
      await app.stop();
    }
  });

  it('lists a run made with `shardscope ingest` in the app beside it', async () => {
    const folder = path.join(tempDataDir(), 'cli-run');
    const ingest = await runCli(['ingest', stream, '--to', folder, '--endpoint', server.endpoint, '--json'], {
      env: { SHARDSCOPE_HOME: dataDir },
    });
    expect(ingest.code).toBe(0);
    const app = await startTestApp({ dataDir, connection: 'none' });
    try {
      const history = await app.dispatch('runs:history', {}, recordingOwner());
      expect((history as { value: { runs: { folder: string; outcome: string; records: number }[] } }).value.runs).toContainEqual(
        expect.objectContaining({ folder, outcome: 'completed', records: 40 }),
      );
    } finally {
      await app.stop();
    }
  });
});
