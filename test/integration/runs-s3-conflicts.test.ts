import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSpecSchema } from '../../shared/contract/runs';
import { createKinesisClient, createS3Client } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS } from '../../main/domain/connections/sandbox-host';
import { RunSession } from '../../main/domain/runs/run-session';
import { recordingOwner, tempDataDir } from '../support/app';
import { TEST_CREDENTIALS } from '../support/local-kinesis';
import { countParts, manifestIn, numberedStream, prefixUrl, startS3RunWorld, storeOf, type S3RunWorld } from '../support/s3-runs';
import { uniqueName } from '../support/sdk';

const RECORDS = 600;
let world: S3RunWorld;
let stream: string;

beforeAll(async () => {
  world = await startS3RunWorld();
  stream = await numberedStream(world, RECORDS);
});
afterAll(async () => {
  await world?.stop();
});

/** A run of the whole stream into `prefix`, in this process, on the connection's S3 as the app builds it. */
function runSession(prefix: string, options: { resume?: boolean; restart?: boolean; rate?: number; readOnly?: boolean } = {}): RunSession {
  const spec = runSpecSchema.parse({
    stream,
    from: { type: 'TRIM_HORIZON' },
    until: { type: 'caught-up' },
    format: 'jsonl',
    folder: prefixUrl(prefix),
    maxFileBytes: 4_096,
    ...(options.rate ? { rate: options.rate } : {}),
  });
  return new RunSession(uniqueName('run'), recordingOwner(), {
    client: createKinesisClient({ region: world.kinesis.region, endpoint: world.kinesis.endpoint, credentials: TEST_CREDENTIALS }),
    spec,
    resume: Boolean(options.resume),
    restart: Boolean(options.restart),
    places: {
      dataDir: tempDataDir(),
      connection: { label: 'test', readOnly: Boolean(options.readOnly) },
      s3Client: () => createS3Client({ region: 'us-east-1', endpoint: world.s3.endpoint, credentials: SANDBOX_CREDENTIALS }),
    },
  });
}

/** Runs a session to its end; its summary, or the reason it could not start. */
async function outcomeOf(session: RunSession) {
  const refused = await session.start().then(
    () => null,
    (error: unknown) => error as Error,
  );
  const status = await session.ended;
  return { summary: session.summary, reason: status.reason, refused };
}

/** A run stopped by the user part way: some parts committed, the rest of the range still to read. */
async function stoppedRun(prefix: string): Promise<void> {
  const session = runSession(prefix, { rate: 400 });
  await session.start();
  while (((await manifestIn(world, prefix))?.files.length ?? 0) < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  await session.stop('user');
  expect(session.summary).toMatchObject({ outcome: 'stopped' });
  expect(session.summary!.records).toBeLessThan(RECORDS);
}

/** Every part in the prefix downloaded and counted by DuckDB. */
async function countedIn(prefix: string) {
  const store = storeOf(world, prefix);
  const dir = await mkdtemp(path.join(tmpdir(), 'shardscope-s3-count-'));
  for (const object of await store.list(''))
    if (object.key.startsWith('part-')) await store.download(object.key, path.join(dir, object.key));
  return countParts(dir);
}

const exactlyOnce = { rows: RECORDS, distinct: RECORDS, low: 0, high: RECORDS - 1 };

describe('conditional writes keep a run into S3 exactly once', () => {
  it('refuses a second new run on a prefix that holds a run, with the folder remedy', async () => {
    await stoppedRun('second-run');
    const before = await manifestIn(world, 'second-run');
    const second = await outcomeOf(runSession('second-run'));
    expect(second.refused).toMatchObject({ code: 'conflict', remedy: 'resume-or-elsewhere' });
    expect(second.refused!.message).toContain(`${prefixUrl('second-run')} already holds a run`);
    expect(await manifestIn(world, 'second-run')).toEqual(before);
  });

  it('stops with a conflict when a part key is already taken, loses nothing, and completes once it is free', async () => {
    const prefix = 'taken-key';
    await stoppedRun(prefix);
    const { nextPart } = (await manifestIn(world, prefix)) as unknown as { nextPart: number };
    const taken = `part-${String(nextPart).padStart(5, '0')}.jsonl`;
    const store = storeOf(world, prefix);
    await store.putNew(taken, 'another writer\n');
    const refused = await outcomeOf(runSession(prefix, { resume: true }));
    expect(refused.summary).toMatchObject({ outcome: 'failed' });
    expect(refused.reason).toContain(`${store.urlOf(taken)} already exists`);
    // The next resume's recovery neither counts the other writer's object as the pending unit's
    // part nor deletes it: the unit is read again, and refused again at the same key.
    const again = await outcomeOf(runSession(prefix, { resume: true }));
    expect(again.reason).toContain(`${store.urlOf(taken)} already exists`);
    expect((await store.read(taken))!.text).toBe('another writer\n');
    await store.remove(taken);
    const done = await outcomeOf(runSession(prefix, { resume: true }));
    expect(done.summary, done.reason ?? '').toMatchObject({ outcome: 'completed', records: RECORDS });
    expect(await countedIn(prefix)).toEqual(exactlyOnce);
  });

  it('lets one of two racing resumes commit; the other stops saying another run took over', async () => {
    const prefix = 'racing';
    await stoppedRun(prefix);
    const outcomes = await Promise.all([
      outcomeOf(runSession(prefix, { resume: true, rate: 1_000 })),
      outcomeOf(runSession(prefix, { resume: true, rate: 1_000 })),
    ]);
    const completed = outcomes.filter((outcome) => outcome.summary?.outcome === 'completed');
    const lost = outcomes.filter((outcome) => outcome.summary?.outcome !== 'completed');
    expect(completed).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toContain(`Another run took over ${prefixUrl(prefix)}`);
    const final = await outcomeOf(runSession(prefix, { resume: true }));
    expect(final.summary).toMatchObject({ outcome: 'completed', records: RECORDS });
    expect(await countedIn(prefix)).toEqual(exactlyOnce);
  });

  it('stops when S3 refuses PutObject, naming the action, and a later resume completes it', async () => {
    const prefix = 'denied';
    const lift = world.s3.hooks.deny({ action: 's3:PutObject', keyPrefix: `${prefix}/part-` });
    let failed;
    try {
      failed = await outcomeOf(runSession(prefix));
    } finally {
      lift();
    }
    expect(failed.summary).toMatchObject({ outcome: 'failed', remedy: 'resume' });
    expect(failed.reason).toContain(`S3 refused s3:PutObject on ${prefixUrl(prefix)}part-00000.jsonl`);
    expect(failed.reason).toContain('not authorized to perform: s3:PutObject');
    const done = await outcomeOf(runSession(prefix, { resume: true }));
    expect(done.summary).toMatchObject({ outcome: 'completed', records: RECORDS });
    expect(await countedIn(prefix)).toEqual(exactlyOnce);
  });

  it('starts over on a prefix, taking away only what the old run wrote', async () => {
    const prefix = 'restarted';
    await stoppedRun(prefix);
    const store = storeOf(world, prefix);
    await store.putNew('notes.txt', 'kept\n');
    const old = await manifestIn(world, prefix);
    const done = await outcomeOf(runSession(prefix, { restart: true }));
    expect(done.summary, done.reason ?? '').toMatchObject({ outcome: 'completed', records: RECORDS });
    expect((await manifestIn(world, prefix))!.id).not.toBe(old!.id);
    expect((await store.read('notes.txt'))!.text).toBe('kept\n');
    expect(await countedIn(prefix)).toEqual(exactlyOnce);
  });

  it('refuses a run into S3 on a read-only connection before anything is written', async () => {
    const refused = await outcomeOf(runSession('read-only', { readOnly: true }));
    expect(refused.refused).toMatchObject({ name: 'ReadOnlyConnectionError' });
    expect(refused.refused!.message).toContain(`will not call PutObject on ${prefixUrl('read-only')}`);
    expect(await storeOf(world, 'read-only').list('')).toEqual([]);
  });
});
