import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, type CallOutput } from '../../shared/contract';
import { auditHandlers } from '../../main/api/audit';
import { Audit } from '../../main/domain/audit/audit';

const dataDir = mkdtempSync(path.join(tmpdir(), 'shardscope-audit-list-'));
const start = Date.UTC(2026, 0, 1);
let minute = 0;
const audit = new Audit(dataDir, { host: 'cli', now: () => new Date(start + minute++ * 60_000) });
const handlers = auditHandlers(audit);

/** The page the API answers for this input, read as the dispatcher would parse it. */
async function list(input: Record<string, unknown>): Promise<CallOutput<'audit:list'>> {
  const parsed = calls['audit:list'].input.parse(input);
  return handlers['audit:list'](parsed, undefined as never) as Promise<CallOutput<'audit:list'>>;
}

const connection = (name: string) => ({ name, kind: 'sandbox' as const, region: 'us-east-1', endpoint: null });

beforeAll(async () => {
  // Six changes: puts on "sandbox" and "prod" in turn, and one saved connection with none open.
  for (let i = 0; i < 5; i++)
    await audit.log.record({
      action: 'writes:put',
      connection: connection(i % 2 === 0 ? 'sandbox' : 'prod'),
      identity: () => Promise.resolve({ account: null, arn: null, identityUnknown: 'local' }),
      stream: 'orders',
      summary: `put ${i}`,
      plan: {},
      token: null,
      outcome: { status: 'succeeded', summary: 'ok' },
    });
  await audit.log.record({
    action: 'connections:save',
    connection: null,
    identity: () => Promise.resolve({ account: null, arn: null }),
    stream: null,
    summary: 'saved prod',
    plan: {},
    token: null,
    outcome: { status: 'succeeded', summary: 'saved' },
  });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('audit:list', () => {
  it('pages newest first: each page continues before the last line of the one before', async () => {
    const first = await list({ limit: 4 });
    expect(first.entries.map((e) => e.line)).toEqual([6, 5, 4, 3]);
    expect(first.more).toBe(true);
    const second = await list({ limit: 4, before: first.entries.at(-1)!.line });
    expect(second.entries.map((e) => e.line)).toEqual([2, 1]);
    expect(second.more).toBe(false);
  });

  it('filters by connection, action and time, and names everything there is to filter by', async () => {
    const prod = await list({ connection: 'prod' });
    expect(prod.entries.map((e) => e.what.summary)).toEqual(['put 3', 'put 1']);
    const saves = await list({ action: 'connections:save' });
    expect(saves.entries.map((e) => e.what.summary)).toEqual(['saved prod']);
    const recent = await list({ since: new Date(start + 4 * 60_000).toISOString(), action: 'writes:put' });
    expect(recent.entries.map((e) => e.what.summary)).toEqual(['put 4']);
    expect(recent).toMatchObject({ actions: ['connections:save', 'writes:put'], connections: ['prod', 'sandbox'] });
  });

  it('refuses a page cursor that is not a line number', () => {
    expect(calls['audit:list'].input.safeParse({ before: 0 }).success).toBe(false);
    expect(calls['audit:list'].input.safeParse({ connection: '' }).success).toBe(false);
  });
});
