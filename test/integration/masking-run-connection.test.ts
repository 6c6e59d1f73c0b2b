import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { nobody } from '../../main/core/sessions/session-owner';
import { SANDBOX_CONNECTION } from '../../shared/contract';
import { recordingOwner, startTestApp, tempDataDir } from '../support/app';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const ok = async <T>(answer: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> => {
  const result = await answer;
  if (!result.ok) throw new Error(result.error!.message);
  return result.value as T;
};

/**
 * "Run again" reads with the connection a run was made with, which may not be the caller's
 * own: the data is that connection's, so its masking rules are the ones that apply.
 */
describe('a run on a named connection applies that connection’s masking rules', () => {
  let server: RunningKinesisServer;
  let app: ShardscopeApp;
  const stream = uniqueName('maskrun');
  const emails = Array.from({ length: 12 }, (_, n) => `person${n}@example.com`);

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, stream, 1);
    await put(
      client,
      stream,
      emails.map((email, n) => ({ key: `k${n}`, data: JSON.stringify({ n, email }) })),
    );
    client.destroy();
    app = await startTestApp({ dataDir: tempDataDir(), connection: 'saved-or-sandbox', sandbox: { demo: false } });
    const profile = { name: 'team', region: server.region, endpoint: server.endpoint, source: { type: 'default-chain' as const } };
    await ok(app.dispatch('connections:save', { profile }, nobody));
  });
  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  it('writes the emails redacted by the team connection’s rule, though the caller is on the sandbox', async () => {
    // The rule is added on "team" by a caller seated there; the caller who runs stays on the sandbox.
    const rulesOwner = recordingOwner();
    await ok(app.dispatch('connections:activate', { name: 'team' }, rulesOwner));
    await ok(app.dispatch('masking:add', { rule: { detector: 'email', action: 'redact' } }, rulesOwner));
    const runner = recordingOwner();
    expect(await ok(app.dispatch('connections:activate', { name: SANDBOX_CONNECTION }, runner))).toMatchObject({ kind: 'sandbox' });

    const folder = path.join(tempDataDir(), 'run');
    const spec = { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder } as const;
    const { sessionId } = await ok<{ sessionId: string }>(app.dispatch('runs:start', { spec, connection: 'team' }, runner));
    await expect
      .poll(() => runner.of('session:status').find((s) => s.sessionId === sessionId && s.state === 'stopped'), { timeout: 30_000 })
      .toMatchObject({ stoppedBy: 'completed' });

    const runJson = JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8')) as { spec: { masking?: { rules: unknown[] } } };
    expect(runJson.spec.masking?.rules).toEqual([{ detector: 'email', action: 'redact' }]);
    const written = readdirSync(folder)
      .filter((name) => /^part-\d{5}\.jsonl$/.test(name))
      .map((name) => readFileSync(path.join(folder, name), 'utf8'))
      .join('');
    expect(written.trim().split('\n')).toHaveLength(emails.length);
    for (const email of emails) expect(written).not.toContain(email);
    expect(written).toContain('"email":"***"');
  });
});
