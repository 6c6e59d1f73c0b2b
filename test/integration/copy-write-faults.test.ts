import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from '../../main/aws/clients';
import type { FileOps } from '../../main/domain/runs/file-ops';
import { CopySession } from '../../main/domain/writes/copy/copy-session';
import { copySpecSchema } from '../../shared/contract/writes';
import { recordingOwner, tempDataDir } from '../support/app';
import { faultyFileOps, type FileStep } from '../support/faulty-file-ops';
import { startKinesisServer, TEST_CREDENTIALS, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, keyed, readAllRaw, uniqueName } from '../support/sdk';

const RECORDS = 2_400;

// The file layer is what fails here, whatever serves the streams: kinesalite alone keeps it quick.
describe('a copy whose manifest fails to save, then resumed', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const source = uniqueName('source');

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, source, 2);
    const items = Array.from({ length: RECORDS }, (_, n) => ({ key: `user-${n % 31}`, data: JSON.stringify({ n, pad: 'p'.repeat(40) }) }));
    for (let i = 0; i < RECORDS; i += 400) await put(client, source, items.slice(i, i + 400));
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  async function copy(target: string, folder: string, resume: boolean, fileOps?: FileOps) {
    const ends = () => ({
      client: createKinesisClient({ region: server.region, endpoint: server.endpoint, credentials: TEST_CREDENTIALS }),
    });
    const spec = copySpecSchema.parse({ source, target, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, rate: 5_000 });
    const session = new CopySession(uniqueName('copy'), recordingOwner(), {
      source: ends(),
      target: ends(),
      spec,
      folder,
      resume,
      fileOps,
    });
    await session.start().catch(() => {});
    await session.ended;
    return session.summary!;
  }

  // Saves: each chunk is listed (odd), then marked written (even); the third chunk's by then both shards' pages are queued.
  const faults: [FileStep, number][] = [
    ['save', 5],
    ['save', 6],
    ['sync-folder', 5],
    ['sync-folder', 6],
  ];
  for (const [step, nth] of faults)
    it(`fails at ${step} #${nth}: stops with the reason, and the resume leaves each record in the target once`, async () => {
      const target = uniqueName('target');
      await createStream(client, target, 2);
      const folder = path.join(tempDataDir(), 'copy');
      const ops = faultyFileOps(step, nth);
      const failed = await copy(target, folder, false, ops);
      expect(ops.injected).toBe(true);
      expect(failed.outcome).toBe('failed');
      expect(failed.reason).toContain(`Writing to ${folder} failed: EIO: injected failure at ${step}`);

      const resumed = await copy(target, folder, true);
      expect(resumed.outcome, resumed.reason ?? '').toBe('completed');
      expect(keyed(await readAllRaw(client, target))).toEqual(keyed(await readAllRaw(client, source)));
    });
});
