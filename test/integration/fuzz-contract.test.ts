import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { startBrowserHost, type BrowserHost } from '../../main/hosts/browser/browser-host';
import { nobody } from '../../main/core/sessions/session-owner';
import { callNames, eventTopics } from '../../shared/contract';
import { envelopeSchema, errorCodes } from '../../shared/contract/errors';
import { startTestApp } from '../support/app';
import { openSocket, outcome, tinyStaticDir } from '../support/host';
import { openTab } from '../support/socket-client';

/** Inputs a hostile or buggy caller might send: anything at all, and objects with plausible keys. */
const plausibleKeys = [
  'name',
  'stream',
  'position',
  'type',
  'shardIds',
  'sessionId',
  'profile',
  'spec',
  'folder',
  'expression',
  'from',
  'until',
  'names',
  'secret',
  'shardId',
  'sequenceNumber',
];
const hostileInput = fc.oneof(
  fc.anything({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom(...plausibleKeys), fc.anything({ maxDepth: 3 }), { maxKeys: 5 }),
  fc.constantFrom(null, undefined, '', '__proto__', { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } }),
);

describe('fuzzing the contract and the socket (no connection open)', () => {
  let app: ShardscopeApp;
  let host: BrowserHost;

  beforeAll(async () => {
    app = await startTestApp({ connection: 'none' });
    host = await startBrowserHost({ app, staticDir: tinyStaticDir() });
  });
  afterAll(async () => {
    await host?.close();
    await app?.stop();
  });

  it('answers random input to every call with an envelope, never a crash and never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...callNames), hostileInput, async (channel, input) => {
        const answer = await app.dispatch(channel, input, nobody);
        expect(envelopeSchema.safeParse(answer).success).toBe(true);
        if (!answer.ok) {
          expect(errorCodes).toContain(answer.error.code);
          expect(answer.error.code, `${channel} ${JSON.stringify(input)}: ${answer.error.message}`).not.toBe('internal');
        }
      }),
      { numRuns: 600 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await app.sessions.stopAll('app-stopped');
  });

  it('answers random call names with unknown-call', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 2 }), async (channel) => {
        fc.pre(!callNames.includes(channel as never));
        expect(await app.dispatch(channel, {}, nobody)).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
      }),
      { numRuns: 200 },
    );
  });

  it('stays up under random frames on its socket; each bad socket closes alone', async () => {
    const frame = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json(),
      fc.uint8Array({ maxLength: 64 }),
      fc
        .record(
          {
            type: fc.constantFrom('call', 'subscribe', 'unsubscribe', 'result', 'event', 'x'),
            id: fc.anything({ maxDepth: 1 }),
            channel: fc.oneof(fc.constantFrom(...callNames), fc.string()),
            topic: fc.oneof(fc.constantFrom(...eventTopics), fc.string()),
            input: fc.anything({ maxDepth: 2 }),
          },
          { requiredKeys: ['type'] },
        )
        .map((m) => JSON.stringify(m)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
        const socket = openSocket(host.origin, { token: host.token });
        if ((await outcome(socket)) !== 'open') throw new Error('the host refused a fresh socket');
        socket.on('error', () => {});
        for (const f of frames) if (socket.readyState === WebSocket.OPEN) socket.send(f);
        socket.close();
        await new Promise((resolve) => socket.once('close', resolve));
      }),
      { numRuns: 60 },
    );
    const tab = await openTab(host.origin, host.token);
    expect(await tab.call('app:info', {})).toMatchObject({ ok: true, value: { version: '0.0.0-test' } });
    tab.close();
  });
});
