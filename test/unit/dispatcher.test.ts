import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/app-error';
import { createDispatcher, type Handlers } from '../../main/core/dispatcher';
import { callNames } from '../../shared/contract';
import { nobody } from '../../main/core/sessions/session-owner';

const compressions = { jsonl: ['none', 'gzip'], csv: ['none', 'gzip'], parquet: ['snappy', 'none'] };

/** Plain handlers: calls not under test fail loudly if the dispatcher ever routes to them. */
const okHandlers = (overrides: Partial<Handlers> = {}): Handlers =>
  ({
    ...Object.fromEntries(callNames.map((name) => [name, async () => Promise.reject(new Error(`${name} is not under test`))])),
    'app:info': async () => ({ version: '1.2.3', host: 'test', compressions }),
    'streams:names': async () => ({ streams: [], detailsComplete: true }),
    ...overrides,
  }) as Handlers;

describe('the dispatcher', () => {
  it('answers a valid call with the handler value in an ok envelope', async () => {
    const dispatch = createDispatcher(okHandlers());
    expect(await dispatch('app:info', {}, nobody)).toEqual({ ok: true, value: { version: '1.2.3', host: 'test', compressions } });
  });

  it('treats a missing input as an empty one', async () => {
    const dispatch = createDispatcher(okHandlers());
    expect(await dispatch('app:info', undefined, nobody)).toMatchObject({ ok: true });
  });

  it.each([
    ['a string', 'streams:names', 'everything'],
    ['an array', 'streams:names', []],
    ['an unexpected key', 'streams:names', { __proto__pollution: 1 }],
  ])('rejects %s as input before any handler runs', async (_label, channel, input) => {
    let ran = false;
    const dispatch = createDispatcher(okHandlers({ 'streams:names': async () => ((ran = true), { streams: [], detailsComplete: true }) }));
    const result = await dispatch(channel, input, nobody);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'Invalid input for streams:names.' } });
    expect(ran).toBe(false);
  });

  it('answers a malformed hash key with the rule it breaks, never an exception', async () => {
    const dispatch = createDispatcher(okHandlers());
    for (const explicitHashKey of ['not a number', '-1', '340282366920938463463374607431768211456', '1'.repeat(60)]) {
      const result = await dispatch('streams:shardFor', { name: 'orders', explicitHashKey }, nobody);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', issues: [{ message: 'An explicit hash key is a whole number from 0 to 2^128 - 1.' }] },
      });
    }
  });

  it('names where the input is wrong', async () => {
    const dispatch = createDispatcher(okHandlers());
    const result = await dispatch('streams:names', { stray: true }, nobody);
    expect(result.ok ? [] : result.error.issues).toEqual([{ path: '(root)', message: expect.stringContaining('stray') }]);
  });

  it.each([['streams:delete'], [42], [null], ['__proto__'], ['toString']])('refuses the unknown call %s', async (channel) => {
    const result = await createDispatcher(okHandlers())(channel, {}, nobody);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });

  it('passes a domain error through with its code', async () => {
    const dispatch = createDispatcher(
      okHandlers({ 'streams:names': async () => Promise.reject(new AppError('not-found', 'No stream named x.')) }),
    );
    expect(await dispatch('streams:names', {}, nobody)).toEqual({ ok: false, error: { code: 'not-found', message: 'No stream named x.' } });
  });

  it('hides the details of an unexpected error from the caller but logs them', async () => {
    const logged: unknown[] = [];
    const dispatch = createDispatcher(
      okHandlers({ 'streams:names': async () => Promise.reject(new TypeError('secret /home/me/.aws path in a stack')) }),
      { logError: (_channel, error) => logged.push(error) },
    );
    const result = await dispatch('streams:names', {}, nobody);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('.aws');
    expect(logged).toHaveLength(1);
  });

  it('refuses to send a handler value that breaks the contract', async () => {
    const dispatch = createDispatcher(okHandlers({ 'app:info': async () => ({ version: 3 }) as never }));
    expect(await dispatch('app:info', {}, nobody)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
