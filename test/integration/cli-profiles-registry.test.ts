import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import avro from 'avsc';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalConfluentRegistry, type LocalConfluentRegistry } from '../../main/domain/sandbox/registries/confluent-registry-server';
import { tempDataDir } from '../support/app';
import { runCli } from '../support/cli';
import { describeWithKeyring, secretToolLookup } from '../support/keychain';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

const TOKEN = `CLIREGISTRYTOKEN${randomBytes(12).toString('hex')}`;
const SIGNUP = {
  type: 'record',
  name: 'Signup',
  fields: [{ name: 'plan', type: { type: 'enum', name: 'Plan', symbols: ['FREE', 'PRO'] } }],
};

describeWithKeyring('shardscope profiles with a Confluent-compatible schema registry', () => {
  const home = tempDataDir();
  const env = { SHARDSCOPE_HOME: home };
  const name = `cli-registry-${randomBytes(3).toString('hex')}`;
  let server: RunningKinesisServer;
  let registry: LocalConfluentRegistry;

  beforeAll(async () => {
    [server, registry] = await Promise.all([
      startKinesisServer('kinesalite'),
      startLocalConfluentRegistry({ credentials: { bearer: TOKEN } }),
    ]);
    const { id } = registry.register('signups-value', JSON.stringify(SIGNUP));
    const client = arrangeClient(server);
    await createStream(client, 'signups', 1);
    const header = Buffer.alloc(5);
    header.writeUInt32BE(id, 1);
    const body = avro.Type.forSchema(SIGNUP as avro.Schema).toBuffer({ plan: 'PRO' });
    await client.send(new PutRecordCommand({ StreamName: 'signups', PartitionKey: 'k', Data: Buffer.concat([header, body]) }));
    client.destroy();
  });
  afterAll(async () => {
    await runCli(['profiles', 'remove', name, '--yes'], { env });
    await Promise.all([server?.stop(), registry?.close()]);
  });

  it('adds the registry with its token from standard input, into the keychain only, and tail decodes with it', async () => {
    const added = await runCli(
      ['profiles', 'add', name, '--region', 'us-east-1', '--endpoint', server.endpoint, '--default-chain'].concat([
        '--schema-registry-url',
        registry.endpoint,
        '--schema-registry-auth',
        'bearer',
      ]),
      { env, stdin: `${TOKEN}\n` },
    );
    expect(added).toMatchObject({
      code: 0,
      stdout: `Saved "${name}": default AWS credential chain; schema registry ${registry.endpoint} (bearer, secret in keychain).\n`,
    });
    expect(await secretToolLookup(`schema-registry:${name}`)).toContain(TOKEN);

    const tail = await runCli(['tail', 'signups', '--profile', name, '--from', 'oldest', '--until', 'caught-up', '--json'], { env });
    expect(tail.code, tail.stderr).toBe(0);
    expect(JSON.parse(tail.stdout.trim())).toMatchObject({ data: { plan: 'PRO' }, schema: { name: 'signups-value', format: 'AVRO' } });

    const listed = await runCli(['profiles', 'list', '--json'], { env });
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { name, schemaRegistry: { url: registry.endpoint, auth: { kind: 'bearer' } }, registrySecret: 'keychain' },
    ]);
    const profileFile = await readFile(path.join(home, 'profiles.json'), 'utf8');
    for (const text of [added.stdout, added.stderr, tail.stdout, tail.stderr, listed.stdout, profileFile])
      expect(text).not.toContain(TOKEN);
  });

  it('refuses a bearer registry with no token on standard input, and forgets the registry and its entry with set', async () => {
    const refused = await runCli(['profiles', 'set', name, '--schema-registry-auth', 'bearer'], { env, stdin: '' });
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('No schema registry password or token on standard input') });
    const removed = await runCli(['profiles', 'set', name, '--remove-schema-registry'], { env });
    expect(removed).toMatchObject({ code: 0, stdout: `"${name}" has no schema registry now.\n` });
    expect(await secretToolLookup(`schema-registry:${name}`)).toBeNull();
  });
});
