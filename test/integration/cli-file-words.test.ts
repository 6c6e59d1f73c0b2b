import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

describe('the CLI says what is wrong with a file or folder in words', () => {
  let kinesis: RunningKinesisServer;
  const dir = mkdtempSync(path.join(tmpdir(), 'shardscope-file-words-'));
  const file = path.join(dir, 'already-a-file');
  const on = () => ['--endpoint', kinesis.endpoint];

  beforeAll(async () => {
    writeFileSync(file, 'not a folder');
    kinesis = await startKinesisServer('kinesalite');
    const client = arrangeClient(kinesis);
    await createStream(client, 'orders', 1);
    client.destroy();
  });
  afterAll(() => kinesis?.stop());

  it('refuses ingest --to an existing file, naming it', async () => {
    const result = await runCli(['ingest', 'orders', '--to', path.join(file, 'run'), ...on()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file} is a file, not a folder.`);
  });

  it('says a file to send is missing, or is a folder, without a system code', async () => {
    const missing = await runCli(['put', 'orders', '--partition-key', 'k', '--file', path.join(dir, 'nope.json'), ...on()]);
    expect(missing.stderr).toBe(`error: Cannot read ${path.join(dir, 'nope.json')}: ${path.join(dir, 'nope.json')} does not exist.\n`);
    const folder = await runCli(['produce', 'orders', '--file', dir, '--yes', ...on()]);
    expect(folder.code).not.toBe(0);
    expect(folder.stderr).toContain(`error: Cannot read ${dir}: ${dir} is a folder, not a file.`);
    expect(missing.stderr + folder.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
  });
});
