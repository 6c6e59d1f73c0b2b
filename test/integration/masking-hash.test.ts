import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { describeWithKeyring } from '../support/keychain';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

// A hash rule keys HMAC-SHA-256 with the connection's masking key, kept in the OS keychain: equal
// values give equal hashes within a read and across separate commands (so masked data stays
// joinable), unequal ones differ, and neither the value nor the key reaches the output.
describeWithKeyring('masking by hash across commands', () => {
  let kinesis: RunningKinesisServer;
  let client: KinesisClient;
  const stream = uniqueName('hashed');
  const home = mkdtempSync(path.join(tmpdir(), 'shardscope-mask-hash-'));
  let flags: string[];
  const cli = (args: string[]) => runCli([...args, ...flags], { env: { SHARDSCOPE_HOME: home } });
  const emails = ['ann@example.com', 'bob@example.com', 'ann@example.com'];
  const hashesOf = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { data: { email: string } }).data.email);

  beforeAll(async () => {
    kinesis = await startKinesisServer('kinesalite');
    client = arrangeClient(kinesis);
    await createStream(client, stream, 1);
    await client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: emails.map((email, at) => ({ PartitionKey: `k${at}`, Data: Buffer.from(JSON.stringify({ email })) })),
      }),
    );
    flags = ['--endpoint', kinesis.endpoint, '--region', kinesis.region];
    const added = await cli(['mask', 'add', '--path', 'data.email', '--action', 'hash']);
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    client?.destroy();
    await kinesis?.stop();
  });

  it('gives equal values equal hashes, in one read and the next', async () => {
    const read = () => cli(['tail', stream, '--from', 'oldest', '--until', 'caught-up', '--json']);
    const first = await read();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toContain('@example.com');
    const [ann, bob, annAgain] = hashesOf(first.stdout);
    expect(ann).toMatch(/^hmac:[A-Za-z0-9_-]{22}$/);
    expect(annAgain).toBe(ann);
    expect(bob).not.toBe(ann);
    const second = await read();
    expect(hashesOf(second.stdout)).toEqual([ann, bob, annAgain]);
  });
});
