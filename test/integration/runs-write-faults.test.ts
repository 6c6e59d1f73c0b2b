import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from '../../main/aws/clients';
import type { FileOps } from '../../main/domain/engine/files/file-ops';
import { RunSession } from '../../main/domain/runs/run-session';
import { runSpecSchema } from '../../shared/contract/runs';
import { recordingOwner, tempDataDir } from '../support/app';
import { faultyFileOps, fileSteps } from '../support/faulty-file-ops';
import { startKinesisServer, TEST_CREDENTIALS, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { readBack } from '../support/run-output';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const RECORDS = 600;
/** Every seventh record is rejected by the mapping, so each commit appends to rejects.jsonl too. */
const MAPPING = 'n % 7 = 0 ? nothing : $';

const sorted = (ns: number[]) => [...ns].sort((a, b) => a - b);

// The file layer is what fails here, whatever serves the stream: kinesalite alone keeps it quick.
describe('a run whose commit fails at one step, then resumed', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('faults');

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    const items = Array.from({ length: RECORDS }, (_, n) => ({ key: `k${n % 13}`, data: JSON.stringify({ n, pad: 'x'.repeat(60) }) }));
    for (let i = 0; i < RECORDS; i += 200) await put(client, stream, items.slice(i, i + 200));
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  async function run(folder: string, resume: boolean, fileOps?: FileOps) {
    const spec = runSpecSchema.parse({
      stream,
      from: { type: 'TRIM_HORIZON' },
      until: { type: 'caught-up' },
      format: 'jsonl',
      folder,
      maxFileBytes: 4_096,
      map: MAPPING,
    });
    const session = new RunSession(uniqueName('run'), recordingOwner(), {
      client: createKinesisClient({ region: server.region, endpoint: server.endpoint, credentials: TEST_CREDENTIALS }),
      spec,
      resume,
      fileOps,
    });
    await session.start().catch(() => {});
    await session.ended;
    return session.summary!;
  }

  for (const step of fileSteps)
    for (const nth of [1, 3])
      it(`fails at ${step} #${nth}: stops with the reason, and the resume lands every record exactly once`, async () => {
        const folder = path.join(tempDataDir(), 'out');
        const ops = faultyFileOps(step, nth);
        const failed = await run(folder, false, ops);
        expect(ops.injected).toBe(true);
        expect(failed.outcome).toBe('failed');
        expect(failed.reason).toContain(`EIO: injected failure at ${step}`);

        const resumed = await run(folder, true);
        expect(resumed.outcome, resumed.reason ?? '').toBe('completed');
        const { written, rejected } = readBack(folder);
        const all = Array.from({ length: RECORDS }, (_, n) => n);
        expect(sorted(written)).toEqual(all.filter((n) => n % 7 !== 0));
        expect(sorted(rejected)).toEqual(all.filter((n) => n % 7 === 0));
        const manifest = JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8'));
        expect(manifest).toMatchObject({
          status: 'completed',
          pending: null,
          totals: { records: written.length, rejects: rejected.length, seen: RECORDS },
        });
        expect(readdirSync(folder).filter((name) => name.startsWith('.part-'))).toEqual([]);
      });
});
