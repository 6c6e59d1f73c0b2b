import avro from 'avsc';
import { startLocalConfluentRegistry, type LocalConfluentRegistry } from '../../main/domain/sandbox/registries/confluent-registry-server';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, readAllRaw } from '../support/sdk';
import { openTab } from '../support/socket-client';
import { expect, test } from './fixtures';

const SIGNUP = {
  type: 'record',
  name: 'Signup',
  namespace: 'web',
  fields: [
    { name: 'user', type: 'string' },
    { name: 'plan', type: { type: 'enum', name: 'Plan', symbols: ['FREE', 'PRO'] } },
  ],
};

let server: RunningKinesisServer;
let registry: LocalConfluentRegistry;
let signupId: number;
test.beforeAll(async () => {
  [server, registry] = await Promise.all([startKinesisServer('kinesalite'), startLocalConfluentRegistry()]);
  registry.register('other-value', JSON.stringify({ type: 'string' }));
  signupId = registry.register('signups-value', JSON.stringify(SIGNUP)).id;
  const client = arrangeClient(server);
  await createStream(client, 'signups', 1);
  client.destroy();
});
test.afterAll(async () => Promise.all([server?.stop(), registry?.close()]));

test("the put editor encodes JSON with a subject of the connection's Confluent registry, and it reads back decoded", async ({
  page,
  ownServed,
}) => {
  const setup = await openTab(ownServed.origin, ownServed.token);
  const profile = {
    name: 'with-confluent',
    region: server.region,
    endpoint: server.endpoint,
    source: { type: 'default-chain' },
    schemaRegistry: { url: registry.endpoint, auth: { kind: 'none' } },
  };
  expect(await setup.call('connections:save', { profile })).toMatchObject({ ok: true });
  setup.close();

  await page.goto(ownServed.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await page
    .getByRole('table', { name: 'Connections' })
    .getByRole('row', { name: /with-confluent/ })
    .getByRole('button', { name: 'Use with-confluent' })
    .click();
  await expect(page.getByRole('status', { name: 'Active connection' })).toContainText('with-confluent');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Streams' }).click();
  await page.getByRole('table', { name: 'Streams' }).getByRole('button', { name: 'signups' }).click();
  await page.getByRole('region', { name: 'Stream signups' }).getByRole('button', { name: 'Put a record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Put a record into signups' });

  await dialog.getByRole('radio', { name: "A subject from the connection's Confluent registry" }).check();
  const subject = dialog.getByRole('combobox', { name: 'Subject' });
  await expect(subject.getByRole('option')).toHaveText(['Choose a subject…', 'other-value', 'signups-value']);
  await subject.focus();
  await subject.selectOption('signups-value');
  const wire = dialog.getByRole('combobox', { name: 'Wire format' });
  await expect(wire).toHaveValue('confluent');
  // GSR framing carries a Glue version id, which a Confluent subject has not.
  await expect(wire.getByRole('option')).toHaveText(['Confluent header (magic byte and schema id)', 'No header: the bare encoded value']);

  await dialog.getByRole('textbox', { name: 'Data (JSON to encode)' }).fill(JSON.stringify({ user: 'ann', plan: 'PRO' }));
  await dialog.getByRole('textbox', { name: 'Partition key' }).fill('ann');
  await dialog.getByRole('button', { name: 'Review and write…' }).click();
  const confirm = dialog.getByRole('region', { name: 'Confirm the write' });
  await expect(confirm.locator('.pairs__row').filter({ hasText: 'Schema' })).toContainText('signups-value v1 (AVRO)');
  await confirm.getByRole('button', { name: 'Write to signups' }).click();
  const written = dialog.getByRole('region', { name: 'Record written' });
  await expect(written).toContainText(/Written to shardId-\d+ as sequence number \d+/);

  // The bytes on their own: magic byte 0, the subject's id big-endian, then Avro that avsc reads.
  const client = arrangeClient(server);
  const [record] = await readAllRaw(client, 'signups');
  client.destroy();
  const bytes = Buffer.from(record!.data);
  expect([bytes[0], bytes.readUInt32BE(1)]).toEqual([0, signupId]);
  expect(avro.Type.forSchema(SIGNUP as avro.Schema).fromBuffer(bytes.subarray(5))).toEqual({ user: 'ann', plan: 'PRO' });

  await written.getByRole('button', { name: 'Open in live preview' }).click();
  const inspector = page.getByRole('region', { name: 'Record inspector' });
  await expect(inspector).toContainText('ann');
  await expect(inspector).toContainText('decoded from AVRO');
  await expect(inspector).toContainText('signups-value');
});
