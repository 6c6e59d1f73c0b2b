import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingOwner, startTestApp, tempDataDir } from '../support/app';
import { runCli, spawnCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const RECORDS = 400;

/** Every file of a folder with its content: what "untouched" is checked against. */
function snapshot(folder: string): Record<string, string> {
  if (!existsSync(folder)) return {};
  return Object.fromEntries(
    readdirSync(folder, { withFileTypes: true }).map((entry) => [
      entry.name,
      entry.isFile() ? readFileSync(path.join(folder, entry.name), 'utf8') : readdirSync(path.join(folder, entry.name)).join(),
    ]),
  );
}

/** The record numbers in a folder's complete JSON Lines files, in file order. */
function numbersIn(folder: string): number[] {
  return readdirSync(folder)
    .filter((name) => /^part-\d{5}\.jsonl$/.test(name))
    .sort()
    .flatMap((name) =>
      readFileSync(path.join(folder, name), 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { data: { n: number } }).data.n),
    );
}

describe('where a run writes (kinesalite)', () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('folders');
  const flags = () => ['--endpoint', server.endpoint];

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 1);
    await put(
      client,
      stream,
      Array.from({ length: RECORDS }, (_, n) => ({ key: `k${n % 7}`, data: JSON.stringify({ n, pad: 'x'.repeat(60) }) })),
    );
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  /**
   * A run killed part way (a stop by the user writes what it has read, here the whole range):
   * some files complete, the rest of the range still to read.
   */
  async function stoppedRun(): Promise<string> {
    const folder = path.join(tempDataDir(), 'original');
    const args = ['ingest', stream, '--to', folder, '--max-file-size', '2KiB', '--rate', '100', '--quiet', ...flags()];
    const child = spawnCli(args);
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const deadline = Date.now() + 60_000;
    while (numbersIn(existsSync(folder) ? folder : tempDataDir()).length < 40) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error('the run ended or wrote nothing before it could be stopped');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    expect(numbersIn(folder).length).toBeLessThan(RECORDS);
    return folder;
  }

  it('resumes a copied folder in place, whatever its run.json says the folder was', async () => {
    const original = await stoppedRun();
    const before = snapshot(original);
    const copy = path.join(tempDataDir(), 'copied');
    cpSync(original, copy, { recursive: true });
    const crafted = path.join(tempDataDir(), 'crafted');
    cpSync(original, crafted, { recursive: true });
    const elsewhere = path.join(tempDataDir(), 'elsewhere');
    const manifest = JSON.parse(readFileSync(path.join(crafted, 'run.json'), 'utf8'));
    writeFileSync(path.join(crafted, 'run.json'), JSON.stringify({ ...manifest, spec: { ...manifest.spec, folder: elsewhere } }));

    for (const folder of [copy, crafted]) {
      const resumed = await runCli(['ingest', stream, '--to', folder, '--resume', '--json', ...flags()]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ outcome: 'completed', records: RECORDS, folder });
      const numbers = numbersIn(folder);
      expect(numbers).toHaveLength(RECORDS);
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: RECORDS }, (_, n) => n));
      expect(JSON.parse(readFileSync(path.join(folder, 'run.json'), 'utf8')).spec.folder).toBe(folder);
    }
    expect(snapshot(original)).toEqual(before);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('says at once why it cannot make a folder under /proc or under a file (CLI)', async () => {
    const file = path.join(tempDataDir(), 'somefile');
    writeFileSync(file, 'not a folder');
    const underProc = await runCli(['ingest', stream, '--to', '/proc/x/out', ...flags()], { timeoutMs: 30_000 });
    expect(underProc.code).not.toBe(0);
    expect(underProc.stderr).toContain('Cannot create /proc/x/out');
    const underFile = await runCli(['ingest', stream, '--to', path.join(file, 'out'), ...flags()], { timeoutMs: 30_000 });
    expect(underFile.code).not.toBe(0);
    expect(underFile.stderr).toContain(`${file} is a file, not a folder`);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('says within a second why it cannot make a folder under /proc or under a file (api)', async () => {
    const app = await startTestApp({ connection: { kind: 'endpoint', endpoint: server.endpoint, region: server.region } });
    try {
      const file = path.join(tempDataDir(), 'somefile');
      writeFileSync(file, 'not a folder');
      const start = (folder: string) =>
        app.dispatch(
          'runs:start',
          { spec: { stream, from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder } },
          recordingOwner(),
        );
      for (const [folder, reason] of [
        ['/proc/x/out', 'Cannot create /proc/x/out'],
        [path.join(file, 'out'), `${file} is a file, not a folder`],
      ] as const) {
        const began = Date.now();
        const result = await start(folder);
        expect(Date.now() - began).toBeLessThan(1_000);
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining(reason) } });
      }
    } finally {
      await app.stop();
    }
  });
});
