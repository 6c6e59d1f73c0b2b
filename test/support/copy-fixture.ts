import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll } from 'vitest';
import { createKinesisClient } from '../../main/aws/clients';
import type { FileOps } from '../../main/domain/engine/files/file-ops';
import { CopySession } from '../../main/domain/writes/copy/copy-session';
import { copySpecSchema } from '../../shared/contract/writes';
import { recordingOwner } from './app';
import { startKinesisServer, TEST_CREDENTIALS, type RunningKinesisServer } from './local-kinesis';
import { put } from './reading';
import { arrangeClient, createStream, uniqueName } from './sdk';

export interface CopyFixture {
  readonly server: RunningKinesisServer;
  readonly client: KinesisClient;
  readonly source: string;
  /** One copy of the whole source into target, started in the session as the app starts it; resolves with its summary once it stopped. */
  copy(target: string, folder: string, resume: boolean, fileOps?: FileOps): Promise<NonNullable<CopySession['summary']>>;
}

/**
 * A kinesalite with a two-shard source of `records` JSON records, each carrying its number `n`,
 * for the tests of a copy whose file layer fails: the file layer is what fails there, whatever
 * serves the streams, so kinesalite alone keeps them quick. Call inside a describe.
 */
export function copyFixture(records: number): CopyFixture {
  const fixture = { source: uniqueName('source') } as { -readonly [K in keyof CopyFixture]: CopyFixture[K] };
  beforeAll(async () => {
    fixture.server = await startKinesisServer('kinesalite');
    fixture.client = arrangeClient(fixture.server);
    await createStream(fixture.client, fixture.source, 2);
    const items = Array.from({ length: records }, (_, n) => ({ key: `user-${n % 31}`, data: JSON.stringify({ n, pad: 'p'.repeat(40) }) }));
    for (let i = 0; i < records; i += 400) await put(fixture.client, fixture.source, items.slice(i, i + 400));
  });
  afterAll(async () => {
    fixture.client?.destroy();
    await fixture.server?.stop();
  });
  fixture.copy = async (target, folder, resume, fileOps) => {
    const { server } = fixture;
    const ends = () => ({
      client: createKinesisClient({ region: server.region, endpoint: server.endpoint, credentials: TEST_CREDENTIALS }),
    });
    const spec = copySpecSchema.parse({
      source: fixture.source,
      target,
      from: { type: 'TRIM_HORIZON' },
      until: { type: 'caught-up' },
      rate: 5_000,
    });
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
  };
  return fixture;
}
