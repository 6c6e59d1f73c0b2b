import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { RUNNING_APPLICATION, STOPPED_APPLICATION } from '../../main/domain/sandbox/demo-consumer';
import type { ConsumersSample } from '../../shared/contract';
import { recordingOwner, startTestApp } from '../support/app';

describe('the sandbox’s demo consumers (kinesalite and dynalite in this process)', () => {
  let app: ShardscopeApp;

  beforeAll(async () => {
    app = await startTestApp({ connection: 'sandbox', sandbox: { recordsPerSecond: 50 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows a running KCL application whose leases are renewed and checkpoints advance, and a stopped one, in the first minute', async () => {
    const owner = recordingOwner();
    const started = await app.dispatch('consumers:start', { stream: 'orders' }, owner);
    expect(started.ok).toBe(true);
    const apps = () => owner.of('consumers:sample').at(-1)?.report.applications.items ?? [];
    const running = () => apps().find((a) => a.table === RUNNING_APPLICATION);
    // Two samples apart, the running worker has renewed every lease and moved its checkpoints on.
    await expect
      .poll(() => running()?.shards.every((s) => s.renewedAt !== null && s.checkpoint?.type === 'sequence'), {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(true);
    const last = owner.of('consumers:sample').at(-1) as ConsumersSample;
    expect(running()).toMatchObject({ format: 'kcl-2', match: 'shard-ids', workers: ['fulfilment-worker-1'] });
    const stopped = apps().find((a) => a.table === STOPPED_APPLICATION)!;
    expect(stopped).toMatchObject({ format: 'kcl-3', workers: ['audit-worker-7f3c'] });
    expect(stopped.shards.every((s) => s.renewedAt === null && s.checkpoint?.type === 'TRIM_HORIZON')).toBe(true);
    expect(stopped.shards.every((s) => (s.lagMillis ?? 0) > 0)).toBe(true);
    expect(last.report.leaseTablesAt).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(last.report.lambda).toMatchObject({ available: false, reason: 'The sandbox has no Lambda.' });
  });
});
