import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw, uniqueName } from '../support/sdk';

const EMAIL = 'cy@example.com';
const CARD = '4111111111111111';

// Decision 0052: a copy writes the source's records as they are; its plan says masking does not apply.
describe('a copy under masking rules', () => {
  let kinesis: RunningKinesisServer;
  let client: KinesisClient;
  const source = uniqueName('masked-src');
  const target = uniqueName('masked-dst');
  const env = { SHARDSCOPE_HOME: mkdtempSync(path.join(tmpdir(), 'shardscope-masking-copy-')) };
  let flags: string[];
  const cli = (args: string[]) => runCli([...args, ...flags], { env });

  beforeAll(async () => {
    kinesis = await startKinesisServer('kinesalite');
    client = arrangeClient(kinesis);
    await createStream(client, source, 1);
    await createStream(client, target, 1);
    const record = { customer: { email: EMAIL }, card: CARD };
    await client.send(
      new PutRecordsCommand({ StreamName: source, Records: [{ PartitionKey: 'k0', Data: Buffer.from(JSON.stringify(record)) }] }),
    );
    flags = ['--endpoint', kinesis.endpoint, '--region', kinesis.region];
    await cli(['mask', 'add', '--detector', 'email', '--action', 'redact']);
    await cli(['mask', 'add', '--detector', 'card', '--action', 'partial']);
  });
  afterAll(async () => {
    client?.destroy();
    await kinesis?.stop();
  });

  it('says in its plan that it writes unmasked, and the records read back are the clear ones', async () => {
    const copied = await cli(['copy', source, target, '--until', 'caught-up', '--yes']);
    expect(copied.code).toBe(0);
    expect(copied.stderr).toContain(
      `Masking: 2 rules mask ${source} where it is shown, but a copy writes the records as they are, unmasked.`,
    );
    const written = await readAllRaw(client, target);
    expect(written).toHaveLength(1);
    expect(JSON.parse(Buffer.from(written[0]!.data).toString())).toEqual({ customer: { email: EMAIL }, card: CARD });

    // The same record through a view of the target stays masked: the copy changed what is stored, not what is shown.
    const tail = await cli(['tail', target, '--from', 'oldest', '--until', 'caught-up', '--json']);
    expect(tail.stdout).not.toContain(EMAIL);
    expect(tail.stdout).toContain('***1111');
  });
});
