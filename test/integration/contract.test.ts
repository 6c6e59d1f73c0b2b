import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type ShardscopeApp } from '../../main/app/shardscope-app';
import { PlanTokens } from '../../main/domain/plans/plan-tokens';
import { startTestApp, tempDataDir } from '../support/app';
import type { BrowserHost } from '../../main/hosts/browser/browser-host';
import type { ShardscopeApi } from '../../shared/api';
import { callNames, calls, eventTopics, SANDBOX_CONNECTION } from '../../shared/contract';
import { openBridges } from '../support/bridges';
import { invocationRecord } from '../support/invocation-records';

function methodOf(api: ShardscopeApi, name: string): unknown {
  const [area, verb] = name.split(':') as [string, string];
  return (api as unknown as Record<string, Record<string, unknown>>)[area]?.[verb];
}

describe('the contract', () => {
  let app: ShardscopeApp;
  let host: BrowserHost;
  const bridges: Record<string, ShardscopeApi> = {};

  beforeAll(async () => {
    app = await startTestApp();
    const opened = await openBridges(app);
    host = opened.host;
    Object.assign(bridges, opened.bridges);
  });
  afterAll(async () => {
    await host?.close();
    await app?.stop();
  });

  it('has a handler in main for every call', () => {
    const handlers = createHandlers({
      connections: app.connections,
      sessions: app.sessions,
      reading: app.reading,
      history: app.history,
      folders: {},
      host: 'test',
      version: '0',
      dataDir: app.dataDir,
      planTokens: new PlanTokens(),
      audit: app.audit,
    });
    expect(Object.keys(handlers).sort()).toEqual([...callNames].sort());
  });

  it.each(['electron', 'browser'])('has a method for every call in the %s bridge, and each reaches main', async (bridge) => {
    const profile = `contract ${bridge}`;
    const copySpec = { source: 'orders', target: 'clickstream', from: { type: 'LATEST' }, until: { type: 'caught-up' } };
    const putInput = { stream: 'orders', data: '{"contract": true}', encoding: 'json', partitionKey: null };
    const sendInput = {
      source: 'orders',
      target: 'clickstream',
      records: [{ shardId: 'shardId-000000000000', sequenceNumber: '1', subSequenceNumber: null }],
    };
    const change = { type: 'tags', stream: 'orders', set: { contract: bridge } };
    const produceFile = path.join(tempDataDir(), `produce-${bridge}.jsonl`);
    writeFileSync(produceFile, '{"contract": true}\n');
    const noticeFile = path.join(tempDataDir(), 'notice.json');
    writeFileSync(
      noticeFile,
      JSON.stringify(invocationRecord({ stream: 'orders', shardId: 'shardId-000000000000', start: '1', end: '2', batchSize: 1 })),
    );
    const produceSpec = { stream: 'orders', file: produceFile, format: 'jsonl', rejectsFile: `${produceFile}.rejects.jsonl` };
    const moveInput = { stream: 'orders', table: 'orders-audit', shardId: null, to: { type: 'LATEST' }, quietSeconds: 3_600 };
    let sessionId = '';
    const sessionInput = () => ({ sessionId });
    // Each change is made with the token of the plan made just before it, as a confirmation would.
    const planned: Record<string, { token: string; changes?: { leaseKey: string; leaseCounter: number; to: unknown }[] }> = {};
    // A valid input for each call, in the contract's order (save comes before remove).
    const inputs: Record<string, unknown> = {
      'connections:save': { profile: { name: profile, region: 'eu-west-1', endpoint: null, source: { type: 'default-chain' } } },
      'connections:remove': { name: profile },
      'connections:test': { name: SANDBOX_CONNECTION },
      'connections:activate': { name: SANDBOX_CONNECTION },
      'streams:summaries': { names: ['orders'] },
      'streams:describe': { name: 'orders' },
      'streams:shards': { name: 'orders' },
      'streams:consumers': { name: 'orders' },
      'streams:tags': { name: 'orders' },
      'streams:shardFor': { name: 'orders', partitionKey: 'customer-1' },
      'permissions:check': { name: 'orders' },
      'permissions:explain': { name: 'orders' },
      'preview:start': { stream: 'orders', position: { type: 'LATEST' } },
      'preview:record': { stream: 'orders', shardId: 'shardId-000000000000', sequenceNumber: '1', subSequenceNumber: null },
      'metrics:start': { stream: 'orders' },
      'metrics:cloudwatch': { name: 'orders' },
      'capacity:estimate': { name: 'orders', load: { peakRecordsPerSec: 100, peakBytesPerSec: 100_000 } },
      'capacity:shardThrottling': { name: 'orders', from: '2026-11-28T08:00:00Z', until: '2026-11-28T09:00:00Z' },
      'runs:start': {
        spec: {
          stream: 'orders',
          from: { type: 'TRIM_HORIZON' },
          until: { type: 'count', count: 1 },
          format: 'jsonl',
          folder: path.join(tempDataDir(), `run-${bridge}`),
        },
      },
      'runs:openFolder': { folder: '/tmp' },
      'pipelines:generate': { stream: 'orders', engine: 'spark', prefix: 's3://lake/orders/' },
      'pipelines:write': {
        stream: 'orders',
        engine: 'flink',
        prefix: 's3://lake/orders/',
        out: path.join(tempDataDir(), `pipeline-${bridge}`),
      },
      'pipelines:verify': { run: tempDataDir(), engineOutput: tempDataDir() },
      'search:check': { expression: 'size > 1' },
      'redrive:find': { from: noticeFile },
      'redrive:planCopy': { from: noticeFile, target: 'orders' },
      'redrive:planExport': { from: noticeFile, run: { folder: tempDataDir(), format: 'jsonl' } },
      'redrive:settleQueue': { hold: 'no-such-hold', done: false },
      'schemas:setBinding': { stream: 'orders', mode: 'none' },
      'schemas:clearBinding': { stream: 'orders' },
      'masking:add': { rule: { detector: 'email', action: 'redact', stream: 'orders' } },
      'masking:remove': { id: 'no-such-rule' },
      'masking:import': { rules: [{ path: 'data.customer.email', action: 'partial' }] },
      'masking:setUnmasked': { unmasked: false },
      'views:save': {
        view: { name: 'failed orders', connection: 'sandbox', stream: 'orders', page: 'search', settings: { start: '-1h' } },
      },
      'views:remove': { name: 'no such view' },
      'views:import': { file: { version: 1, views: [] } },
      'schemas:get': { ref: { registry: 'sandbox', id: '999999' } },
      'schemas:listRegistry': { kind: 'glue' },
      'search:start': { stream: 'orders', from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, expression: 'true', limit: 1 },
      'heat:start': { stream: 'orders', from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, by: 'minute', top: 3 },
      'writes:planPut': putInput,
      'writes:put': () => ({ ...putInput, token: planned['writes:planPut']!.token }),
      'writes:planSend': sendInput,
      'writes:send': () => ({ ...sendInput, token: planned['writes:planSend']!.token }),
      'writes:planProduce': produceSpec,
      'writes:produce': () => ({ spec: produceSpec, token: planned['writes:planProduce']!.token }),
      'writes:stopProduce': sessionInput,
      'copies:estimate': { spec: copySpec, restart: true },
      'admin:plan': { change },
      'admin:apply': () => ({ change, token: planned['admin:plan']!.token }),
      // The other bridge's copy of the same streams was stopped, not finished: this one starts over.
      'copies:start': () => ({ spec: copySpec, restart: true, token: planned['copies:estimate']!.token }),
      'consumers:report': { stream: 'orders' },
      'consumers:start': { stream: 'orders', leaseTables: ['orders-audit'] },
      'consumers:quiet': { stream: 'orders', table: 'orders-audit', shardId: null, to: { type: 'LATEST' }, quietSeconds: 5 },
      'consumers:planMove': moveInput,
      'consumers:move': () => {
        const plan = planned['consumers:planMove']!;
        const expected = plan.changes!.map(({ leaseKey, leaseCounter, to }) => ({ leaseKey, leaseCounter, to }));
        return { ...moveInput, expected, token: plan.token };
      },
    };
    // A call added to the contract needs a sample here unless it takes no input.
    const lacking = callNames.filter(
      (name) => !(name in inputs) && !calls[name].input.safeParse({}).success && !calls[name].input.safeParse({ sessionId: 'x' }).success,
    );
    expect(lacking, 'calls without a sample input in this test').toEqual([]);
    // Typed errors that prove the call reached main: kinesalite has no ListStreamConsumers; a
    // stopped preview cannot be paused; sequence number 1 is no record's.
    const expected: Record<string, object> = {
      'streams:consumers': { ok: false, error: { code: 'unavailable' } },
      'preview:pause': { ok: false, error: { code: 'not-found' } },
      'preview:resume': { ok: false, error: { code: 'not-found' } },
      'preview:record': { ok: false, error: { code: 'aws' } },
      'masking:remove': { ok: false, error: { code: 'not-found' } },
      // Reaches main and finds no such hold: a hold is made by a plan over sqs://, which needs a queue.
      'redrive:settleQueue': { ok: false, error: { code: 'not-found' } },
      'views:remove': { ok: false, error: { code: 'not-found' } },
      // Asked of the sandbox's Confluent stand-in, which has no schema with that id.
      'schemas:get': { ok: false, error: { code: 'not-found' } },
      'writes:send': { ok: false, error: { code: 'aws' } },
      // The browser host has no folder dialog and no file manager; only Electron passes these in.
      'runs:chooseFolder': { ok: false, error: { code: 'unavailable' } },
      'runs:openFolder': { ok: false, error: { code: 'unavailable' } },
      // Two empty folders: there is nothing to compare.
      'pipelines:verify': { ok: false, error: { code: 'not-found' } },
      // The sandbox's stopped application has not been watched for an hour: the move is refused, nothing written.
      'consumers:move': { ok: false, error: { code: 'conflict' } },
    };
    for (const name of callNames) {
      const method = methodOf(bridges[bridge]!, name);
      expect(typeof method, name).toBe('function');
      const input =
        /^(preview|metrics|runs|search|heat|copies|consumers):/.test(name) &&
        !(name in inputs) &&
        name !== 'runs:history' &&
        name !== 'runs:chooseFolder'
          ? sessionInput()
          : inputs[name];
      const result = await (method as (input?: unknown) => Promise<{ ok: boolean; value?: { sessionId?: string } }>)(
        typeof input === 'function' ? (input as () => unknown)() : input,
      );
      expect(result, name).toMatchObject(expected[name] ?? { ok: true });
      if (result.ok && result.value && 'token' in result.value) planned[name] = result.value as (typeof planned)[string];
      if (
        [
          'preview:start',
          'metrics:start',
          'runs:start',
          'search:start',
          'heat:start',
          'copies:start',
          'consumers:start',
          'writes:produce',
        ].includes(name)
      )
        sessionId = result.value!.sessionId!;
    }
  });

  it.each(['electron', 'browser'])('answers a malformed payload with the validation error through the %s bridge', async (bridge) => {
    const api = bridges[bridge]!;
    const result = await (api.streams.names as (input: unknown) => Promise<unknown>)({ limit: -1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [expect.objectContaining({ path: '(root)' })] } });
  });

  it.each(['electron', 'browser'])('delivers events through the %s bridge until unsubscribed', async (bridge) => {
    expect(eventTopics).toContain('sandbox:producer');
    const received: unknown[] = [];
    const unsubscribe = bridges[bridge]!.on('sandbox:producer', (payload) => received.push(payload));
    await expect.poll(() => received.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(received[0]).toMatchObject({ running: true, recordsWritten: expect.any(Number) });
    unsubscribe();
    const count = received.length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(received.length).toBe(count);
  });
});
