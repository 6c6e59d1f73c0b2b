import { describe, expect, it } from 'vitest';
import type { AuditListEntry } from '../state/audit-state';
import { storeWithFakeMain } from '../../test/support/store-with-fake-main';
import { AUDIT_PAGE } from './audit-slice';

const entry = (line: number, connection = 'sandbox'): AuditListEntry => ({
  line,
  action: 'writes:put',
  at: new Date(Date.UTC(2026, 0, 1, 0, line)).toISOString(),
  who: {
    osUser: 'me',
    host: 'desktop',
    connection: { name: connection, kind: 'sandbox', region: 'us-east-1', endpoint: null },
    account: null,
    arn: null,
  },
  what: { summary: `put ${line}`, stream: 'orders', plan: {}, token: null },
  outcome: { status: 'succeeded', summary: 'ok' },
  previous: '0'.repeat(64),
});
const page = (entries: AuditListEntry[], more = false) => ({
  entries,
  more,
  actions: ['writes:put'],
  connections: ['prod', 'sandbox'],
  file: '/data/audit.jsonl',
});

describe('the audit slice', () => {
  it('loads a page, then the older page before its last line, under the filters chosen', async () => {
    const { store, inputsOf } = storeWithFakeMain({
      'audit:list': (input: unknown) => {
        const before = (input as { before?: number }).before;
        return { ok: true, value: before === undefined ? page([entry(9), entry(8)], true) : page([entry(3)]) };
      },
    });
    await store.getState().setAuditFilters({ connection: 'sandbox', since: '2026-01-01T00:00:00.000Z' });
    expect(store.getState()).toMatchObject({ auditMore: true, auditFile: '/data/audit.jsonl', auditLoading: false });
    expect(store.getState().auditChoices).toEqual({ actions: ['writes:put'], connections: ['prod', 'sandbox'] });
    await store.getState().loadOlderAudit();
    expect(store.getState().auditEntries?.map((e) => e.line)).toEqual([9, 8, 3]);
    expect(store.getState().auditMore).toBe(false);
    expect(inputsOf('audit:list')).toEqual([
      { limit: AUDIT_PAGE, connection: 'sandbox', since: '2026-01-01T00:00:00.000Z' },
      { limit: AUDIT_PAGE, connection: 'sandbox', since: '2026-01-01T00:00:00.000Z', before: 8 },
    ]);
  });

  it('drops a page asked under filters since changed, and closes an entry the new filters leave out', async () => {
    const answers: ((value: unknown) => void)[] = [];
    const { store } = storeWithFakeMain({
      'audit:list': () => new Promise((resolve) => answers.push(resolve)),
    });
    const first = store.getState().loadAudit();
    answers[0]!({ ok: true, value: page([entry(2, 'prod'), entry(1)]) });
    await first;
    store.getState().selectAuditEntry(2);
    const sandboxFirst = store.getState().setAuditFilters({ connection: 'sandbox' });
    const stale = store.getState().setAuditFilters({ connection: 'prod' });
    answers[2]!({ ok: true, value: page([entry(2, 'prod')]) });
    answers[1]!({ ok: true, value: page([entry(1)]) });
    await Promise.all([sandboxFirst, stale]);
    expect(store.getState().auditEntries?.map((e) => e.line)).toEqual([2]);
    expect(store.getState().auditSelectedLine).toBe(2);
    const sandbox = store.getState().setAuditFilters({ connection: 'sandbox' });
    answers[3]!({ ok: true, value: page([entry(1)]) });
    await sandbox;
    expect(store.getState().auditSelectedLine).toBeNull();
  });

  it('says why the log could not be read, and what verifying found', async () => {
    const { store } = storeWithFakeMain({
      'audit:list': () => ({ ok: false, error: { code: 'internal', message: 'EACCES: audit.jsonl' } }),
      'audit:verify': { ok: false, lines: 4, broken: { line: 3, reason: 'line 2 was edited' }, file: '/data/audit.jsonl' },
    });
    await store.getState().loadAudit();
    expect(store.getState()).toMatchObject({ auditError: 'EACCES: audit.jsonl', auditEntries: null, auditLoading: false });
    await store.getState().verifyAudit();
    expect(store.getState()).toMatchObject({
      auditVerification: { ok: false, broken: { line: 3, reason: 'line 2 was edited' } },
      auditVerifying: false,
      auditVerifyError: null,
    });
  });
});
