import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKinesisClient } from '../../main/aws/clients';
import { CopySession } from '../../main/domain/writes/copy/copy-session';
import { copySpecSchema } from '../../shared/contract/writes';
import { recordingOwner, tempDataDir } from '../support/app';
import { copyFixture } from '../support/copy-fixture';
import { TEST_CREDENTIALS } from '../support/local-kinesis';
import { createStream, readAllRaw, uniqueName } from '../support/sdk';

// The resume keeps the saved spec's 5 records a second, so each record past the stop costs 0.2 s.
// 80 still proves the stop: a page read from either of the two shards holds about 40, twice the
// bound of 20, so a stop that first wrote what it had read would fail as it did with 200.
const RECORDS = 80;

// A slow copy stopped by its user ends within a chunk of a few seconds' writing: it does not first
// write everything it has read, which at 5 records a second took minutes.
describe('a slow copy stopped by its user', () => {
  const fixture = copyFixture(RECORDS);

  it('stops after at most a few seconds of writing, and a resume writes each record once', async () => {
    const target = uniqueName('target');
    await createStream(fixture.client, target, 1);
    const folder = path.join(tempDataDir(), 'copy');
    const ends = () => ({
      client: createKinesisClient({ region: fixture.server.region, endpoint: fixture.server.endpoint, credentials: TEST_CREDENTIALS }),
    });
    const start = (rate: number, resume: boolean) => {
      const owner = recordingOwner();
      const spec = copySpecSchema.parse({
        source: fixture.source,
        target,
        from: { type: 'TRIM_HORIZON' },
        until: { type: 'caught-up' },
        rate,
      });
      const session = new CopySession(uniqueName('copy'), owner, { source: ends(), target: ends(), spec, folder, resume });
      return { session, owner };
    };

    const slow = start(5, false);
    await slow.session.start();
    await expect.poll(() => slow.owner.of('copy:progress').at(-1)?.written ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    await slow.session.stop('user');
    const stopped = slow.session.summary!;
    expect(stopped.outcome).toBe('stopped');
    // A chunk is two seconds at 5 a second (10 records): the one being sent, and the one gathered, at most.
    expect(stopped.written).toBeLessThanOrEqual(20);
    // What it took in, it wrote; the rest of the page read stays for the resume.
    expect(stopped.read).toBe(stopped.written);

    const fast = start(5_000, true);
    await fast.session.start();
    await fast.session.ended;
    expect(fast.session.summary!.outcome).toBe('completed');
    const numbers = (await readAllRaw(fixture.client, target)).map((r) => (JSON.parse(r.data.toString('utf8')) as { n: number }).n);
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: RECORDS }, (_, n) => n));
  });
});
