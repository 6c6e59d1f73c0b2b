import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { readBack } from '../support/run-output';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const RECORDS = 5_000;
/** Three CLI runs a test, each a few seconds on an idle machine, many times that on a busy one. */
const TEST_MS = 400_000;
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log('Skipping the full-disk run tests: mounting a small tmpfs needs root.');

const mounts: string[] = [];
function smallDisk(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shardscope-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}
const freeSpace = (dir: string) => execFileSync('mount', ['-o', 'remount,size=64m', dir]);
const available = (dir: string) => {
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize;
};

// A real file system that fills up: the failure lands wherever the kernel says (a write, a
// close, a rename of the manifest). kinesalite serves the stream: the disk is what is tested.
describe.skipIf(!isRoot)('a run on a disk that fills up, resumed once space is freed', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('fulldisk');
  const args = (folder: string) => [
    'ingest',
    stream,
    '--to',
    folder,
    '--format',
    'jsonl',
    '--max-file-size',
    '256KiB',
    '--quiet',
    '--endpoint',
    server.endpoint,
  ];
  const everyRecord = Array.from({ length: RECORDS }, (_, n) => n);
  const sorted = (ns: number[]) => [...ns].sort((a, b) => a - b);

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 2);
    // About 4 MB of JSON Lines: more than the 3 MB disk holds.
    const items = Array.from({ length: RECORDS }, (_, n) => ({ key: `k${n % 19}`, data: JSON.stringify({ n, pad: 'x'.repeat(600) }) }));
    for (let i = 0; i < RECORDS; i += 500) await put(client, stream, items.slice(i, i + 500));
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
    for (const dir of mounts) {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'stops with the reason; after the disk is freed, --resume lands every record exactly once',
    async () => {
      const folder = path.join(smallDisk(), 'out');
      const full = await runCli(args(folder), { timeoutMs: 180_000 });
      expect(full.code).toBe(1);
      expect(full.stderr).toContain(`The disk holding ${folder} is full.`);
      expect(full.stderr).toContain('Carry it on with --resume.');
      const before = readBack(folder).written;
      expect(before.length).toBeGreaterThan(0);
      expect(before.length).toBeLessThan(RECORDS);

      freeSpace(path.dirname(folder));
      const resumed = await runCli([...args(folder), '--resume', '--json'], { timeoutMs: 180_000 });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ records: RECORDS, outcome: 'completed' });
      expect(sorted(readBack(folder).written)).toEqual(everyRecord);
    },
    TEST_MS,
  );

  it(
    'killed with SIGKILL as the disk fills; after the disk is freed, --resume lands every record exactly once',
    async () => {
      const disk = smallDisk();
      const folder = path.join(disk, 'out');
      const child = spawnCli(args(folder));
      const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      // The moment the disk has no room for another part is the moment a write, close or rename fails.
      const deadline = Date.now() + 180_000;
      while (available(disk) > 256 * 1024 && child.exitCode === null) {
        if (Date.now() > deadline) throw new Error(`the disk did not fill in time: ${stderr}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      child.kill('SIGKILL');
      await exited;

      freeSpace(disk);
      const resumed = await runCli([...args(folder), '--resume', '--json'], { timeoutMs: 180_000 });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ records: RECORDS, outcome: 'completed' });
      expect(sorted(readBack(folder).written)).toEqual(everyRecord);
    },
    TEST_MS,
  );
});
