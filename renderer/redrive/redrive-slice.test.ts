import { describe, expect, it } from 'vitest';
import type { RedriveFindOutput, RedrivePlan } from '../../shared/contract';
import { record, storeWithFakeMain } from '../../test/support/store-with-fake-main';

const QUEUE = 'http://127.0.0.1:9324/000000000000/failures';

const plan = (found: number): RedrivePlan => ({
  notices: [],
  problems: [],
  ranges: [{ stream: 'orders', region: 'us-east-1', shardId: 'shardId-0', start: '1', end: '9', notices: [0], found }],
  totals: { notices: 1, found, fromPayload: 0, expired: 0, unread: 0 },
});
const found = (hold: string | null): RedriveFindOutput => ({
  plan: plan(2),
  records: [record(1, 0), record(2, 1)],
  truncated: false,
  masking: [],
  queue: hold ? { hold, queueUrl: QUEUE, received: 1, unreadable: 0 } : null,
});
const copySpec = {
  source: 'orders',
  target: 'orders-again',
  targetProfile: null,
  keys: { type: 'keep' },
  from: { type: 'TRIM_HORIZON' },
  until: { type: 'caught-up' },
  rate: null,
  ranges: [{ shardId: 'shardId-0', start: '1', end: '9' }],
};
const planCopy = (hold: string) => ({ plan: plan(2), spec: copySpec, queue: { hold, queueUrl: QUEUE, received: 1, unreadable: 0 } });
const estimate = { token: 'T1', target: { kind: 'sandbox', connection: 'sandbox', region: 'us-east-1' }, windowRecords: 2 };
const settled = { deleted: 1, handedBack: 0, refused: null };
const stopped = (sessionId: string, stoppedBy: 'completed' | 'user') =>
  ({ sessionId, kind: 'copy', state: 'stopped', stoppedBy, reason: null }) as const;

describe('the failures slice', () => {
  it('opens picked files by their text, on the Failures page, with the records main found', async () => {
    const { store, inputsOf } = storeWithFakeMain({ 'redrive:find': found(null) });
    const texts = [{ name: 'notices.jsonl', text: '{}' }];
    await store.getState().openFailures({ kind: 'files', texts });
    expect(inputsOf('redrive:find')).toEqual([{ texts }]);
    expect(store.getState().page).toBe('failures');
    expect(store.getState().failures).toMatchObject({ status: 'ok', data: { records: [{ id: 'shardId-0/1/' }, { id: 'shardId-0/2/' }] } });
  });

  it("hands a queue's messages back as soon as they are shown: looking deletes nothing", async () => {
    const { store, inputsOf } = storeWithFakeMain({ 'redrive:find': found('H0'), 'redrive:settleQueue': settled });
    await store.getState().openFailures({ kind: 'queue', queueUrl: QUEUE });
    expect(inputsOf('redrive:find')).toEqual([{ from: `sqs://${QUEUE}` }]);
    expect(inputsOf('redrive:settleQueue')).toEqual([{ hold: 'H0', done: false }]);
  });

  it("puts back with the estimate's token, and deletes the queue's messages only once the copy completed", async () => {
    const { store, inputsOf, push } = storeWithFakeMain({
      'redrive:find': found('H0'),
      'redrive:planCopy': planCopy('H1'),
      'redrive:settleQueue': settled,
      'copies:estimate': estimate,
      'copies:start': { sessionId: 'c1' },
    });
    await store.getState().openFailures({ kind: 'queue', queueUrl: QUEUE });
    store.getState().openRedriveDialog('send');
    await store.getState().planSendBack({ stream: 'orders-again', profile: null }, 'k');
    expect(inputsOf('redrive:planCopy')).toEqual([{ from: `sqs://${QUEUE}`, target: 'orders-again', targetProfile: null }]);
    expect(inputsOf('copies:estimate')).toEqual([{ spec: copySpec }]);
    await store.getState().startRedrive();
    expect(inputsOf('copies:start')).toEqual([{ spec: copySpec, resume: false, restart: false, token: 'T1' }]);
    // Closing the dialog while it runs leaves the messages held for it.
    await store.getState().closeRedriveDialog();
    expect(inputsOf('redrive:settleQueue')).toEqual([{ hold: 'H0', done: false }]);
    push('session:status', stopped('c1', 'completed'));
    await expect
      .poll(() => inputsOf('redrive:settleQueue'))
      .toEqual([
        { hold: 'H0', done: false },
        { hold: 'H1', done: true },
      ]);
    expect(store.getState().redriveHold).toBeNull();
  });

  it('hands the messages back when the put-back is stopped, or never started', async () => {
    const { store, inputsOf, push } = storeWithFakeMain({
      'redrive:find': found(null),
      'redrive:planCopy': planCopy('H1'),
      'redrive:settleQueue': { deleted: 0, handedBack: 1, refused: null },
      'copies:estimate': estimate,
      'copies:start': { sessionId: 'c2' },
    });
    await store.getState().openFailures({ kind: 'queue', queueUrl: QUEUE });
    store.getState().openRedriveDialog('send');
    await store.getState().planSendBack({ stream: 'orders-again', profile: null }, 'k');
    await store.getState().startRedrive();
    push('session:status', stopped('c2', 'user'));
    await expect.poll(() => inputsOf('redrive:settleQueue')).toEqual([{ hold: 'H1', done: false }]);

    store.getState().openRedriveDialog('send');
    await store.getState().planSendBack({ stream: 'orders-again', profile: null }, 'k');
    await store.getState().closeRedriveDialog();
    expect(inputsOf('redrive:settleQueue')).toEqual([
      { hold: 'H1', done: false },
      { hold: 'H1', done: false },
    ]);
    expect(store.getState().redrivePlan).toBeNull();
  });

  it('keeps only the plan of the fields as they stand, handing back the messages of one answered late', async () => {
    let release: () => void = () => {};
    const { store, inputsOf } = storeWithFakeMain({
      'redrive:find': found(null),
      'redrive:planCopy': (input: unknown) => {
        const target = (input as { target: string }).target;
        if (target !== 'slow') return { ok: true, value: planCopy('H-fast') };
        return new Promise((resolve) => (release = () => resolve({ ok: true, value: planCopy('H-slow') })));
      },
      'redrive:settleQueue': settled,
      'copies:estimate': estimate,
    });
    await store.getState().openFailures({ kind: 'files', texts: [{ name: 'n.json', text: '{}' }] });
    store.getState().openRedriveDialog('send');
    const slow = store.getState().planSendBack({ stream: 'slow', profile: null }, 'slow');
    await expect.poll(() => inputsOf('redrive:planCopy').length).toBe(1);
    await store.getState().planSendBack({ stream: 'fast', profile: null }, 'fast');
    release();
    await slow;
    expect(store.getState().redrivePlan).toMatchObject({ key: 'fast', state: { status: 'ok' } });
    expect(inputsOf('redrive:settleQueue')).toEqual([{ hold: 'H-slow', done: false }]);
  });

  it('exports through a run over the planned ranges', async () => {
    const runSpec = { stream: 'orders', folder: '/tmp/out', format: 'parquet' };
    const { store, inputsOf, push } = storeWithFakeMain({
      'redrive:find': found(null),
      'redrive:planExport': { plan: plan(2), spec: runSpec, queue: null },
      'runs:start': { sessionId: 'r1' },
    });
    const texts = [{ name: 'n.json', text: '{}' }];
    await store.getState().openFailures({ kind: 'files', texts });
    store.getState().openRedriveDialog('export');
    await store.getState().planExport({ folder: '/tmp/out', format: 'parquet' }, 'k');
    expect(inputsOf('redrive:planExport')).toEqual([{ texts, run: { folder: '/tmp/out', format: 'parquet' } }]);
    await store.getState().startRedrive();
    expect(inputsOf('runs:start')).toEqual([{ spec: runSpec, resume: false, restart: false, connection: null }]);
    expect(store.getState()).toMatchObject({
      redriveStarted: { action: 'export', sessionId: 'r1' },
      redriveStartError: null,
      redriveHold: null,
    });
    // Opened again while the run goes on, the dialog follows it; once it stopped, a new one starts afresh.
    await store.getState().closeRedriveDialog();
    store.getState().openRedriveDialog('export');
    expect(store.getState().redriveStarted).toEqual({ action: 'export', sessionId: 'r1' });
    push('session:status', { sessionId: 'r1', kind: 'run', state: 'stopped', stoppedBy: 'completed', reason: null });
    store.getState().openRedriveDialog('export');
    expect(store.getState().redriveStarted).toBeNull();
  });
});
