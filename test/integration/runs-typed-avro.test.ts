import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRegistryCommand, CreateSchemaCommand, GlueClient, RegisterSchemaVersionCommand } from '@aws-sdk/client-glue';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGlueRegistry, type LocalGlueRegistry } from '../../main/domain/sandbox/registries/glue-registry-server';
import { runCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { gsrFrame } from '../support/gsr-frame';
import { startKinesisServer, TEST_CREDENTIALS, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';
import { encodeOrder, ORDER_V1, ORDER_V2, ORDER_V3, orderValue } from '../support/typed-orders';

// GSR Avro records of two compatible versions (and one incompatible), resolved through the Glue
// stand-in, run to Parquet and CSV by the CLI and read back by DuckDB.
describe('runs typed from the writer schema (GSR Avro)', () => {
  let kinesis: RunningKinesisServer;
  let glueServer: LocalGlueRegistry;
  let client: KinesisClient;
  const folder = mkdtempSync(join(tmpdir(), 'shardscope-typed-'));
  const versions: Record<string, string> = {};
  const flags = () => ['--endpoint', kinesis.endpoint, '--glue-endpoint', glueServer.endpoint, '--quiet'];

  const put = (stream: string, key: string, data: Buffer) =>
    client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: key, Data: data }));

  beforeAll(async () => {
    [kinesis, glueServer] = await Promise.all([startKinesisServer('kinesalite'), startLocalGlueRegistry({ region: 'us-east-1' })]);
    client = arrangeClient(kinesis);
    const glue = new GlueClient({ region: 'us-east-1', endpoint: glueServer.endpoint, credentials: TEST_CREDENTIALS });
    await glue.send(new CreateRegistryCommand({ RegistryName: 'shop' }));
    const schemaId = { RegistryName: 'shop', SchemaName: 'orders' };
    const v1 = await glue.send(
      new CreateSchemaCommand({
        RegistryId: { RegistryName: 'shop' },
        SchemaName: 'orders',
        DataFormat: 'AVRO',
        Compatibility: 'NONE',
        SchemaDefinition: JSON.stringify(ORDER_V1),
      }),
    );
    versions.v1 = v1.SchemaVersionId!;
    for (const [name, schema] of [
      ['v2', ORDER_V2],
      ['v3', ORDER_V3],
    ] as const)
      versions[name] = (
        await glue.send(new RegisterSchemaVersionCommand({ SchemaId: schemaId, SchemaDefinition: JSON.stringify(schema) }))
      ).SchemaVersionId!;
    glue.destroy();

    await Promise.all([createStream(client, 'orders', 1), createStream(client, 'orders-v3', 1)]);
    await put('orders', 'v1-1', gsrFrame(versions.v1!, encodeOrder(ORDER_V1, orderValue(1))));
    await put('orders', 'v2-2', gsrFrame(versions.v2!, encodeOrder(ORDER_V2, orderValue(2, { channel: 'app', note: 'gift' })), true));
    await put('orders', 'v1-3', gsrFrame(versions.v1!, encodeOrder(ORDER_V1, orderValue(3))));
    await put('orders', 'missing', gsrFrame('00000000-0000-4000-8000-0000000000ff', Buffer.from([2, 0x41])));
    await put('orders', 'plain', Buffer.from(JSON.stringify({ id: 'plain', quantity: 7 })));
    await put('orders-v3', 'v1-4', gsrFrame(versions.v1!, encodeOrder(ORDER_V1, orderValue(4))));
    await put('orders-v3', 'v3-5', gsrFrame(versions.v3!, encodeOrder(ORDER_V3, orderValue(5, { quantity: 'five' }))));
  });
  afterAll(async () => {
    client?.destroy();
    await Promise.all([kinesis?.stop(), glueServer?.close()]);
    rmSync(folder, { recursive: true, force: true });
  });

  const parts = (to: string, extension: string) =>
    readdirSync(to)
      .filter((name) => name.endsWith(`.${extension}`))
      .sort()
      .map((name) => join(to, name));
  const describeTypes = async (file: string) =>
    Object.fromEntries((await duckdb(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).map((row) => [row.column_name, row.column_type]));

  const typesV1 = {
    id: 'VARCHAR',
    price: 'DECIMAL(10,2)',
    placedAt: 'TIMESTAMP',
    shippedAt: 'TIMESTAMP',
    day: 'DATE',
    ref: 'UUID',
    status: 'VARCHAR',
    customer: 'STRUCT("name" VARCHAR, vip BOOLEAN)',
    tags: 'VARCHAR[]',
    attrs: 'MAP(VARCHAR, BIGINT)',
    blob: 'BLOB',
    quantity: 'INTEGER',
    data: 'VARCHAR',
  };

  it('types Parquet columns from the schema and widens v1 and v2 into one file schema', async () => {
    const to = join(folder, 'parquet');
    const run = await runCli(['ingest', 'orders', '--to', to, '--format', 'parquet', ...flags()]);
    expect(run.code, run.stderr).toBe(0);
    const files = parts(to, 'parquet');
    // v1 alone; v2 widens the columns (a new part), and the v1 after it is read into them; the
    // undecodable record joins that file's `data`; the plain JSON record has inferred columns.
    expect(files).toHaveLength(3);
    expect(await describeTypes(files[0]!)).toMatchObject(typesV1);
    expect(await describeTypes(files[1]!)).toMatchObject({ ...typesV1, quantity: 'BIGINT', channel: 'VARCHAR', note: 'VARCHAR' });
    const rows = await duckdb(
      `SELECT partitionKey, id, price::VARCHAR AS price, placedAt::VARCHAR AS placedAt, shippedAt::VARCHAR AS shippedAt,
        day::VARCHAR AS day, ref::VARCHAR AS ref, status, customer.name AS customer, customer.vip AS vip, tags,
        attrs['b']::VARCHAR AS b, hex(blob) AS blob, quantity::VARCHAR AS quantity, channel, note, data
       FROM read_parquet('${to}/part-*.parquet', union_by_name = true) ORDER BY sequenceNumber`,
    );
    expect(rows).toEqual([
      {
        partitionKey: 'v1-1',
        id: 'o-1',
        price: '-12.35',
        placedAt: '2023-11-14 22:13:20.124',
        shippedAt: null,
        day: '2023-12-10',
        ref: '00000001-0000-4000-8000-000000000001',
        status: 'PAID',
        customer: 'c1',
        vip: false,
        tags: ['t1', 'x'],
        b: '1099511627777',
        blob: '01FF',
        quantity: '1',
        channel: null,
        note: null,
        data: null,
      },
      {
        partitionKey: 'v2-2',
        id: 'o-2',
        price: '12.36',
        placedAt: '2023-11-14 22:13:20.125',
        shippedAt: '2023-11-14 22:15:00.000003',
        day: '2023-12-11',
        ref: '00000002-0000-4000-8000-000000000002',
        status: 'NEW',
        customer: 'c2',
        vip: true,
        tags: ['t2', 'x'],
        b: '1099511627778',
        blob: '02FF',
        quantity: '2',
        channel: 'app',
        note: 'gift',
        data: null,
      },
      // A v1 record in the widened file: the fields it lacks take v2's defaults, as Avro's resolution reads it.
      {
        partitionKey: 'v1-3',
        id: 'o-3',
        price: '-12.37',
        placedAt: '2023-11-14 22:13:20.126',
        shippedAt: null,
        day: '2023-12-12',
        ref: '00000003-0000-4000-8000-000000000003',
        status: 'PAID',
        customer: 'c3',
        vip: false,
        tags: ['t3', 'x'],
        b: '1099511627779',
        blob: '03FF',
        quantity: '3',
        channel: 'web',
        note: null,
        data: null,
      },
      expect.objectContaining({ partitionKey: 'missing', id: null, data: expect.any(String) }),
      expect.objectContaining({ partitionKey: 'plain', id: 'plain', quantity: '7', data: null }),
    ]);
  });

  it('partitions schema-typed Parquet by a decoded field, each part keeping the typed columns', async () => {
    const to = join(folder, 'parquet-by-status');
    const run = await runCli(['ingest', 'orders', '--to', to, '--format', 'parquet', '--partition-by', 'status', ...flags()]);
    expect(run.code, run.stderr).toBe(0);
    const rows = await duckdb(
      `SELECT partitionKey, regexp_extract(filename, 'status=([^/]+)/', 1) AS folder, typeof(price) AS price
       FROM read_parquet('${to}/**/*.parquet', union_by_name = true, filename = true) ORDER BY sequenceNumber`,
    );
    expect(rows.map((row) => row.partitionKey)).toEqual(['v1-1', 'v2-2', 'v1-3', 'missing', 'plain']);
    expect(rows.map((row) => row.folder)).toEqual(['PAID', 'NEW', 'PAID', '__HIVE_DEFAULT_PARTITION__', '__HIVE_DEFAULT_PARTITION__']);
    for (const row of rows) expect(row.price).toBe('DECIMAL(10,2)');
  });

  it('writes CSV columns in schema order, records flattened to dotted names, lists and maps as JSON', async () => {
    const to = join(folder, 'csv');
    const run = await runCli(['ingest', 'orders', '--to', to, '--format', 'csv', ...flags()]);
    expect(run.code, run.stderr).toBe(0);
    const [first, second] = parts(to, 'csv').map((file) => readFileSync(file, 'utf8').split('\r\n').filter(Boolean));
    const meta = 'shardId,sequenceNumber,subSequenceNumber,partitionKey,arrivalTime';
    const v1Columns = 'id,price,placedAt,shippedAt,day,ref,status,customer.name,customer.vip,tags,attrs,blob,quantity';
    expect(first![0]).toBe(`${meta},${v1Columns},data`);
    expect(first![1]!.split(',').slice(5).join(',')).toBe(
      'o-1,-12.35,2023-11-14T22:13:20.124Z,,2023-12-10,00000001-0000-4000-8000-000000000001,PAID,c1,false,"[""t1"",""x""]","{""a"":1,""b"":1099511627777}",Af8=,1,',
    );
    expect(second![0]).toBe(`${meta},${v1Columns},channel,note,data`);
    expect(second!.slice(1).map((line) => line.split(',')[3])).toEqual(['v2-2', 'v1-3', 'missing']);
    expect(second![2]!.endsWith(',3,web,,')).toBe(true);
  });

  it('starts a new part for a version that cannot be widened, and loses no record', async () => {
    const to = join(folder, 'incompatible');
    const run = await runCli(['ingest', 'orders-v3', '--to', to, '--format', 'parquet', ...flags()]);
    expect(run.code, run.stderr).toBe(0);
    const files = parts(to, 'parquet');
    expect(files).toHaveLength(2);
    expect((await describeTypes(files[0]!)).quantity).toBe('INTEGER');
    expect((await describeTypes(files[1]!)).quantity).toBe('VARCHAR');
    const rows = await duckdb(
      `SELECT partitionKey, quantity::VARCHAR AS quantity FROM read_parquet('${to}/part-*.parquet', union_by_name = true) ORDER BY sequenceNumber`,
    );
    expect(rows).toEqual([
      { partitionKey: 'v1-4', quantity: '4' },
      { partitionKey: 'v3-5', quantity: 'five' },
    ]);
  });

  it('resumes a run begun when columns were inferred with inferred columns, so its files keep their types', async () => {
    const to = join(folder, 'resumed');
    const first = await runCli(['ingest', 'orders-v3', '--to', to, '--format', 'parquet', '--until', 'count:1', ...flags()]);
    expect(first.code, first.stderr).toBe(0);
    // As an earlier version wrote it (no word on schema columns), stopped by the user before the tip.
    const manifest = JSON.parse(readFileSync(join(to, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.schemaColumns).toBe('writer');
    delete manifest.schemaColumns;
    manifest.status = 'stopped';
    (manifest.spec as Record<string, unknown>).until = { type: 'caught-up' };
    writeFileSync(join(to, 'run.json'), JSON.stringify(manifest));
    const resumed = await runCli(['ingest', 'orders-v3', '--to', to, '--resume', ...flags()]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const files = parts(to, 'parquet');
    expect(files).toHaveLength(2);
    expect((await describeTypes(files[0]!)).placedAt).toBe('TIMESTAMP');
    expect((await describeTypes(files[1]!)).placedAt).toBe('VARCHAR');
  });
});
