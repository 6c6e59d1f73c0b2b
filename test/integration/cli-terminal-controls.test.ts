import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

const tsx = path.resolve('node_modules', '.bin', 'tsx');
const entry = path.resolve('main', 'hosts', 'cli', 'main.ts');
const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** Runs the CLI on a real terminal: util-linux's script gives it a pseudo-terminal, as a user's shell would. */
function onTerminal(args: string[]): Promise<string> {
  const command = [tsx, entry, ...args].map(quote).join(' ');
  const env = { ...process.env, SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'shardscope-tty-')), COLUMNS: '120' };
  return new Promise((resolve, reject) =>
    execFile('script', ['-qec', command, '/dev/null'], { env, timeout: 120_000 }, (error, stdout) =>
      error ? reject(new Error(`${error.message}\n${stdout}`)) : resolve(stdout),
    ),
  );
}

describe("the CLI's own terminal control reaches the terminal; strangers' text does not", () => {
  let server: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('tty');

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    client = arrangeClient(server);
    await createStream(client, stream, 1);
    for (let i = 0; i < 20; i++)
      await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: `k${i}`, Data: Buffer.from(JSON.stringify({ i })) }));
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('draws the progress bars of a run with their escape sequences, not as escaped text', async () => {
    const to = path.join(mkdtempSync(path.join(tmpdir(), 'shardscope-tty-run-')), 'out');
    const output = await onTerminal(['ingest', stream, '--to', to, '--endpoint', server.endpoint]);
    // cli-progress hides the cursor while it draws, and shows it again at the end.
    expect(output).toContain('\u001b[?25l');
    expect(output).toContain('\u001b[?25h');
    expect(output).not.toContain('\\x1b[?25');
    expect(output).toContain('total');
  });

  it('still escapes a record key that carries an escape sequence, on the same terminal', async () => {
    await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'evil\u001b]0;owned\u0007', Data: Buffer.from('x') }));
    const output = await onTerminal(['tail', stream, '--from', 'TRIM_HORIZON', '--until', 'caught-up', '--endpoint', server.endpoint]);
    expect(output).toContain('evil\\x1b]0;owned\\x07');
    expect(output).not.toContain('\u001b]0;owned');
  });
});
