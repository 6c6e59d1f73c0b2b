import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { call, withCliApp } from '../../main/hosts/cli/cli-app';
import type { CallName, SessionStatus } from '../../shared/contract';
import { recordingOwner, startTestApp, type RecordingOwner } from '../support/app';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

/** The rules the CLI's session commands meet are the dispatcher's, the same for every host. */

const endOf = async (owner: RecordingOwner, sessionId: string): Promise<SessionStatus> => {
  await expect
    .poll(() => owner.of('session:status').some((s) => s.sessionId === sessionId && s.state === 'stopped'), { timeout: 20_000 })
    .toBe(true);
  return owner.of('session:status').find((s) => s.sessionId === sessionId && s.state === 'stopped')!;
};

describe('the CLI app', () => {
  it('reports itself as the cli host in app:info', async () => {
    process.env.SHARDSCOPE_HOME = mkdtempSync(path.join(tmpdir(), 'shardscope-cli-'));
    const info = await withCliApp('none', (app) => call(app, 'app:info', {}));
    expect(info.host).toBe('cli');
  });
});

describe('session calls over the dispatcher, on kinesalite', () => {
  let server: RunningKinesisServer;
  let app: ShardscopeApp;
  const stream = uniqueName('orders');
  const dispatch = (channel: CallName, input: unknown, owner: RecordingOwner) => app.dispatch(channel, input, owner);

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, stream, 1);
    await put(client, stream, [
      { key: 'a', data: '{"n":1}' },
      { key: 'b', data: '{"n":2}' },
    ]);
    client.destroy();
    app = await startTestApp({ connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
  });
  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  const selfCopy = { source: stream, target: stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' } };
  const refusal = {
    ok: false,
    error: { code: 'invalid-input', message: 'Copying a stream into itself until caught up would never end: give an end time.' },
  };

  it('refuses to plan a copy of a stream into itself until caught up', async () => {
    expect(await dispatch('copies:estimate', { spec: selfCopy }, recordingOwner())).toMatchObject(refusal);
  });

  it('refuses to start one too, whatever token it brings', async () => {
    const owner = recordingOwner();
    expect(await dispatch('copies:start', { spec: selfCopy, token: 'x'.repeat(43) }, owner)).toMatchObject(refusal);
    expect(owner.of('session:status')).toEqual([]);
  });

  it('plans a copy of a stream into itself up to a time', async () => {
    const spec = { ...selfCopy, until: { type: 'time', time: new Date().toISOString() } };
    expect(await dispatch('copies:estimate', { spec }, recordingOwner())).toMatchObject({ ok: true });
  });

  it('refuses a run into a relative folder, naming the field', async () => {
    const spec = { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder: 'exports/orders' };
    expect(await dispatch('runs:start', { spec }, recordingOwner())).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        issues: [
          {
            path: 'spec.folder',
            message:
              'The output is a full folder path, e.g. /home/me/exports/orders, or an S3 prefix, e.g. s3://my-bucket/exports/orders/.',
          },
        ],
      },
    });
  });

  it('refuses a run that both resumes and starts over', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'shardscope-run-'));
    const spec = { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder };
    expect(await dispatch('runs:start', { spec, resume: true, restart: true }, recordingOwner())).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'restart', message: 'A run either resumes or starts over, not both.' }] },
    });
  });

  it("sends a finished run's summary with its last status", async () => {
    const owner = recordingOwner();
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'shardscope-run-')), 'out');
    const spec = { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder };
    const started = await dispatch('runs:start', { spec }, owner);
    const { sessionId } = (started as { value: { sessionId: string } }).value;
    const end = await endOf(owner, sessionId);
    expect(end).toMatchObject({ stoppedBy: 'completed', result: { kind: 'run', summary: { outcome: 'completed', records: 2, folder } } });
  });

  it("sends a search's counts with its last status", async () => {
    const owner = recordingOwner();
    const input = { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, expression: 'data.n == 2', wholeRecords: true };
    const { sessionId } = ((await dispatch('search:start', input, owner)) as { value: { sessionId: string } }).value;
    const end = await endOf(owner, sessionId);
    expect(end.result).toEqual({ kind: 'search', totals: { scanned: 2, matched: 1, errors: 0, firstError: null } });
    expect(owner.of('search:matches').flatMap((batch) => batch.records.map((r) => r.json))).toEqual([{ n: 2 }]);
  });

  it('refuses a meter from the newest record that would be caught up at once', async () => {
    const input = { stream, position: { type: 'LATEST' }, until: { type: 'caught-up' } };
    expect(await dispatch('metrics:start', input, recordingOwner())).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: 'From the newest record the meter is caught up at once: give an end time still to come.' },
    });
  });
});
