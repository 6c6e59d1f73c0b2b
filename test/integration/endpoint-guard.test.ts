import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nobody } from '../../main/core/sessions/session-owner';
import { startTestApp, tempDataDir } from '../support/app';
import { runCli } from '../support/cli';

describe('credentials never travel over plain http to another machine', () => {
  it('the CLI refuses an http endpoint off loopback before anything is signed', async () => {
    const result = await runCli(['streams', '--endpoint', 'http://10.20.30.40:4567', '--region', 'us-east-1'], {
      env: { SHARDSCOPE_HOME: tempDataDir() },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--endpoint: http://10.20.30.40:4567: Plain http is only for a local server on this machine');
  });

  it('a connection with such an endpoint cannot be saved, from the app or the CLI', async () => {
    const app = await startTestApp({ connection: 'none' });
    try {
      const saved = await app.dispatch(
        'connections:save',
        { profile: { name: 'lan', region: 'us-east-1', endpoint: 'http://kinesis.corp.example:4567', source: { type: 'default-chain' } } },
        nobody,
      );
      expect(saved).toMatchObject({
        ok: false,
        error: {
          code: 'invalid-input',
          issues: [expect.objectContaining({ message: expect.stringContaining('Plain http is only for a local server') })],
        },
      });
      const local = await app.dispatch(
        'connections:save',
        { profile: { name: 'local', region: 'us-east-1', endpoint: 'http://[::1]:4567', source: { type: 'default-chain' } } },
        nobody,
      );
      expect(local).toMatchObject({ ok: true });
      const tls = await app.dispatch(
        'connections:save',
        { profile: { name: 'tls', region: 'us-east-1', endpoint: 'https://kinesis.corp.example', source: { type: 'default-chain' } } },
        nobody,
      );
      expect(tls).toMatchObject({ ok: true });
    } finally {
      await app.stop();
    }
    const cli = await runCli(
      ['profiles', 'add', 'lan', '--region', 'us-east-1', '--endpoint', 'http://192.168.1.9:4567', '--default-chain'],
      { env: { SHARDSCOPE_HOME: tempDataDir() } },
    );
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('Plain http is only for a local server');
  });

  it('a profiles file edited by hand to such an endpoint, or to no URL at all, is reported at startup, not a crash', async () => {
    for (const endpoint of ['http://10.0.0.8:4567', 'not a url']) {
      const dataDir = tempDataDir();
      writeFileSync(
        path.join(dataDir, 'profiles.json'),
        JSON.stringify({
          version: 1,
          active: 'edited',
          profiles: [{ name: 'edited', region: 'us-east-1', endpoint, source: { type: 'default-chain' } }],
        }),
      );
      const app = await startTestApp({ dataDir, connection: 'saved-or-sandbox' });
      try {
        const list = await app.dispatch('connections:list', {}, nobody);
        expect(list).toMatchObject({
          ok: true,
          value: { active: { kind: 'sandbox' }, profiles: [expect.objectContaining({ name: 'edited', endpoint })] },
        });
        const problems = (list as { value: { problems: string[] } }).value.problems;
        expect(problems).toEqual([expect.stringContaining('The saved connection "edited" could not be opened')]);
        expect(await app.dispatch('connections:activate', { name: 'edited' }, nobody)).toMatchObject({
          ok: false,
          error: { code: 'invalid-input' },
        });
      } finally {
        await app.stop();
      }
    }
  });
});
