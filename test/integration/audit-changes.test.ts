import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditedCalls, type AuditedCall } from '../../main/api/audit-plans';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { SessionSecretStore } from '../../main/domain/connections/secret-store';
import { nobody } from '../../main/core/sessions/session-owner';
import { callNames, calls, type AuditEntry, type CallName, type LeaseQuiet } from '../../shared/contract';
import { recordingOwner, startTestApp, tempDataDir } from '../support/app';
import { kcl2Item, leaseTable, startDynalite, type LocalDynamo } from '../support/lease-tables';
import { invocationRecord } from '../support/invocation-records';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { startLocalSqs, type LocalSqs } from '../support/local-sqs';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

/** Strings that must never reach the log: a record's content and a secret. */
const RECORD_MARKER = 'record-content-marker-5f1c';
const SECRET_MARKER = 'secret-marker-a9e2d7';

/**
 * Calls that change something but write no audit entry, each with why. A change call added to the
 * contract must be audited or named here, or the enumeration below fails.
 */
const notAudited: Partial<Record<CallName, string>> = {
  'connections:activate': "chooses the caller's connection: nothing outside Shardscope changes",
  'schemas:setBinding': 'a local reading preference, not a change to AWS or to a connection',
  'schemas:clearBinding': 'a local reading preference, not a change to AWS or to a connection',
  'runs:start': 'reads a stream into local files; it changes nothing it reads',
  'pipelines:write': 'writes generated code into a local folder',
  'preview:start': 'reads',
  'metrics:start': 'reads',
  'search:start': 'reads',
  'heat:start': 'reads; a split or merge it suggests is applied through the audited admin calls',
  'consumers:start': 'reads lease tables',
};
/** Verbs that name a change; a call with one must be classified. */
const changingVerb = /:(save|remove|activate|set|clear|apply|move|put|send|produce|start|write|delete|create|update|mask|unmask)/i;

describe('every change writes one audit entry, on kinesalite and dynalite', () => {
  let kinesis: RunningKinesisServer;
  let dynamo: LocalDynamo;
  let sqs: LocalSqs;
  let client: KinesisClient;
  let app: ShardscopeApp;
  const [source, target] = [uniqueName('audit-source'), uniqueName('audit-target')];
  const logLines = () => (existsSync(app.audit.log.file) ? readFileSync(app.audit.log.file, 'utf8').split('\n').filter(Boolean) : []);
  const entries = () => logLines().map((line) => JSON.parse(line) as AuditEntry);
  const ok = async (call: CallName, input: unknown, owner = nobody) => {
    const result = await app.dispatch(call, input, owner);
    if (!result.ok) throw new Error(`${call}: ${result.error.message}`);
    return result.value as Record<string, unknown> & { token: string };
  };

  /** Makes each change the way a host does: plan, then apply with the plan's token. */
  const changes: Record<AuditedCall, () => Promise<unknown>> = {
    'writes:put': async () => {
      const input = {
        stream: target,
        data: JSON.stringify({ note: RECORD_MARKER }),
        encoding: 'json',
        partitionKey: 'k',
        explicitHashKey: null,
      };
      return ok('writes:put', { ...input, token: (await ok('writes:planPut', input)).token });
    },
    'writes:send': async () => {
      const [picked] = await put(client, source, [{ key: 'a', data: RECORD_MARKER }]);
      const input = {
        source,
        target,
        records: [{ shardId: picked!.shardId, sequenceNumber: picked!.sequenceNumber, subSequenceNumber: null }],
      };
      return ok('writes:send', { ...input, token: (await ok('writes:planSend', input)).token });
    },
    'writes:produce': async () => {
      const file = path.join(tempDataDir(), 'records.jsonl');
      writeFileSync(file, `{"note":"${RECORD_MARKER}"}\n{"note":"${RECORD_MARKER}-2"}\n`);
      const spec = { stream: target, file, format: 'jsonl', rejectsFile: `${file}.rejects.jsonl` };
      const owner = recordingOwner();
      return ok('writes:produce', { spec, token: (await ok('writes:planProduce', spec, owner)).token }, owner);
    },
    'copies:start': async () => {
      const spec = { source, target, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' } };
      const owner = recordingOwner();
      const { token } = await ok('copies:estimate', { spec, restart: true }, owner);
      return ok('copies:start', { spec, restart: true, token }, owner);
    },
    'admin:apply': async () => {
      const change = { type: 'tags', stream: target, set: { team: 'audit' } };
      return ok('admin:apply', { change, token: (await ok('admin:plan', { change, toApply: true })).token });
    },
    'consumers:move': async () => {
      const table = uniqueName('audit-leases');
      await leaseTable(dynamo.client, table, [
        kcl2Item({ shardId: 'shardId-000000000000', owner: 'gone', counter: 3, checkpoint: 'TRIM_HORIZON' }),
      ]);
      const input = { stream: target, table, shardId: null, to: { type: 'LATEST' }, quietSeconds: 5 };
      await expect
        .poll(async () => ((await ok('consumers:quiet', input)) as unknown as LeaseQuiet).blocker, { timeout: 15_000, interval: 500 })
        .toBeNull();
      const plan = (await ok('consumers:planMove', input)) as unknown as {
        token: string;
        changes: { leaseKey: string; leaseCounter: number; to: unknown }[];
      };
      const expected = plan.changes.map(({ leaseKey, leaseCounter, to }) => ({ leaseKey, leaseCounter, to }));
      return ok('consumers:move', { ...input, expected, token: plan.token });
    },
    'connections:save': () =>
      ok('connections:save', {
        profile: { name: 'audited', region: 'eu-west-1', endpoint: null, source: { type: 'access-keys', accessKeyId: 'AKIAAUDITEXAMPLE' } },
        secret: { secretAccessKey: SECRET_MARKER },
      }),
    'connections:remove': () => ok('connections:remove', { name: 'audited' }),
    'masking:add': () => ok('masking:add', { rule: { detector: 'email', action: 'redact', stream: target } }),
    'masking:remove': async () => {
      const { rules } = (await ok('masking:list', {})) as unknown as { rules: { id: string }[] };
      return ok('masking:remove', { id: rules[0]!.id });
    },
    'masking:import': () => ok('masking:import', { rules: [{ path: 'data.note', action: 'hash', runs: false }] }),
    'masking:setUnmasked': () => ok('masking:setUnmasked', { unmasked: true }),
    'views:save': () =>
      ok('views:save', {
        view: { name: 'failed', connection: 'local', stream: target, page: 'search', settings: { start: '-1h', filter: 'true' } },
      }),
    'views:remove': () => ok('views:remove', { name: 'failed' }),
    'views:import': () =>
      ok('views:import', {
        file: {
          version: 1,
          views: [{ name: 'recent', connection: 'local', stream: target, page: 'preview', settings: { start: 'LATEST' } }],
        },
      }),
    'redrive:settleQueue': async () => {
      const queueUrl = sqs.queueUrl(uniqueName('audit-notices'));
      const [failed] = await put(client, source, [{ key: 'n', data: RECORD_MARKER }]);
      const notice = { stream: source, shardId: failed!.shardId, start: failed!.sequenceNumber, end: failed!.sequenceNumber, batchSize: 1 };
      sqs.send(queueUrl, JSON.stringify(invocationRecord(notice)));
      const found = (await ok('redrive:find', { from: `sqs://${queueUrl}` })) as unknown as { queue: { hold: string } };
      const settled = await ok('redrive:settleQueue', { hold: found.queue.hold, done: true });
      expect(settled).toMatchObject({ deleted: 1, handedBack: 0 });
      expect(sqs.messages(queueUrl)).toHaveLength(0);
      return settled;
    },
  };

  beforeAll(async () => {
    [kinesis, dynamo, sqs] = await Promise.all([startKinesisServer('kinesalite'), startDynalite(), startLocalSqs()]);
    client = arrangeClient(kinesis);
    await Promise.all([createStream(client, source, 1), createStream(client, target, 1)]);
    app = await startTestApp({
      connection: { kind: 'endpoint', endpoint: kinesis.endpoint, region: kinesis.region, dynamodbEndpoint: dynamo.endpoint },
      keychain: new SessionSecretStore(),
    });
  });
  afterAll(async () => {
    await app?.stop();
    client?.destroy();
    await Promise.all([kinesis?.stop(), dynamo?.stop(), sqs?.close()]);
  });

  it('audits every call that takes a plan token, and every other change call is audited or said why not', () => {
    const takesToken = callNames.filter((name) => {
      const schema = z.toJSONSchema(calls[name].input, { unrepresentable: 'any', io: 'input' }) as { properties?: object };
      return Boolean(schema.properties && 'token' in schema.properties);
    });
    expect(takesToken.length).toBeGreaterThan(5);
    expect(takesToken.filter((name) => !(auditedCalls as readonly string[]).includes(name))).toEqual([]);
    const unclassified = callNames.filter(
      (name) => changingVerb.test(name) && !(auditedCalls as readonly string[]).includes(name) && !(name in notAudited),
    );
    expect(unclassified, 'change calls neither audited nor explained').toEqual([]);
  });

  it.each([...auditedCalls])('%s writes one entry with who, what and how it ended', async (call) => {
    const before = logLines().length;
    await changes[call]();
    // A produce or copy is written once its session ends.
    await expect.poll(() => logLines().length, { timeout: 20_000 }).toBe(before + 1);
    const entry = entries().at(-1)!;
    expect(entry).toMatchObject({
      action: call,
      who: { host: 'test', connection: { kind: 'endpoint', endpoint: kinesis.endpoint }, identityUnknown: expect.stringContaining('STS') },
      outcome: { status: 'succeeded' },
    });
    // Connection and masking changes apply at once, without a plan to confirm; a queue is settled after the plan its copy or run had.
    if (call === 'redrive:settleQueue')
      expect(entry.outcome).toMatchObject({
        counts: { deleted: 1, handedBack: 0 },
        summary: expect.stringMatching(/^1 deleted from http:\/\/127\.0\.0\.1:\d+\/000000000000\/audit-notices/),
      });
    const planless = ['connections:', 'masking:', 'views:', 'redrive:'].some((prefix) => call.startsWith(prefix));
    expect(entry.what.token === null).toBe(planless);
    expect((await app.dispatch('audit:verify', {}, nobody)) as unknown).toMatchObject({ ok: true, value: { ok: true, lines: before + 1 } });
  });

  it('records a refused change and a failed write with their errors', async () => {
    const missing = await app.dispatch('connections:remove', { name: 'never-saved' }, nobody);
    expect(missing.ok).toBe(false);
    expect(entries().at(-1)).toMatchObject({
      action: 'connections:remove',
      outcome: { status: 'failed', error: { code: 'not-found', message: expect.stringContaining('never-saved') } },
    });
    const gone = uniqueName('audit-gone');
    await createStream(client, gone, 1);
    const input = { stream: gone, data: '{"x":1}', encoding: 'json', partitionKey: 'k', explicitHashKey: null };
    const { token } = await ok('writes:planPut', input);
    await ok('admin:apply', {
      change: { type: 'delete', stream: gone },
      token: (await ok('admin:plan', { change: { type: 'delete', stream: gone }, toApply: true })).token,
    });
    expect((await app.dispatch('writes:put', { ...input, token }, nobody)).ok).toBe(false);
    expect(entries().at(-1)).toMatchObject({
      action: 'writes:put',
      outcome: { status: 'failed', error: { code: 'not-found', message: expect.stringContaining(gone) } },
    });
  });

  it('never carries record content or a secret', () => {
    const text = readFileSync(app.audit.log.file, 'utf8');
    expect(text).toContain('"secret":"set"');
    expect(text).not.toContain(RECORD_MARKER);
    expect(text).not.toContain(SECRET_MARKER);
  });
});
