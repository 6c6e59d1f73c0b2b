import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRegistryCommand, CreateSchemaCommand, GlueClient } from '@aws-sdk/client-glue';
import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGlueRegistry, type LocalGlueRegistry } from '../../main/domain/sandbox/registries/glue-registry-server';
import { runCli } from '../support/cli';
import { duckdb } from '../support/duckdb';
import { gsrFrame, uvarint } from '../support/gsr-frame';
import { startKinesisServer, TEST_CREDENTIALS, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

const PROTO = `syntax = "proto3";
package fleet;
import "google/protobuf/timestamp.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/wrappers.proto";

message Reading {
  enum Level { LOW = 0; HIGH = 1; }
  message Position { double lat = 1; double lon = 2; }
  string device = 1;
  google.protobuf.Timestamp at = 2;
  Position position = 3;
  repeated int32 samples = 4;
  map<string, string> labels = 5;
  google.protobuf.Duration uptime = 6;
  google.protobuf.Int64Value battery = 7;
  Level level = 8;
  uint64 counter = 9;
  bytes raw = 10;
}
`;

/** protobufjs as the independent encoder, with its own copies of the well-known types. */
function readingType(): protobuf.Type {
  const root = new protobuf.Root();
  for (const file of ['timestamp', 'duration', 'wrappers']) root.addJSON(protobuf.common.get(`google/protobuf/${file}.proto`)!.nested!);
  protobuf.parse(PROTO, root, { keepCase: true });
  root.resolveAll();
  return root.lookupType('fleet.Reading');
}

// GSR numbers the file's message types sorted by full name (fleet.Reading, fleet.Reading.LabelsEntry,
// fleet.Reading.Position): Reading is index 0, written before the body as AWS's Kafka serializer does.
const READING_INDEX = 0;

describe('runs typed from the writer schema (GSR Protobuf)', () => {
  let kinesis: RunningKinesisServer;
  let glueServer: LocalGlueRegistry;
  let client: KinesisClient;
  const folder = mkdtempSync(join(tmpdir(), 'shardscope-typed-proto-'));

  beforeAll(async () => {
    [kinesis, glueServer] = await Promise.all([startKinesisServer('kinesalite'), startLocalGlueRegistry({ region: 'us-east-1' })]);
    client = arrangeClient(kinesis);
    const glue = new GlueClient({ region: 'us-east-1', endpoint: glueServer.endpoint, credentials: TEST_CREDENTIALS });
    await glue.send(new CreateRegistryCommand({ RegistryName: 'fleet' }));
    const created = await glue.send(
      new CreateSchemaCommand({
        RegistryId: { RegistryName: 'fleet' },
        SchemaName: 'readings',
        DataFormat: 'PROTOBUF',
        SchemaDefinition: PROTO,
      }),
    );
    glue.destroy();
    const versionId = created.SchemaVersionId!;
    const type = readingType();
    const encode = (value: object) =>
      gsrFrame(versionId, Buffer.concat([uvarint(READING_INDEX), Buffer.from(type.encode(type.fromObject(value)).finish())]));
    await createStream(client, 'readings', 1);
    const put = (key: string, data: Buffer) => client.send(new PutRecordCommand({ StreamName: 'readings', PartitionKey: key, Data: data }));
    await put(
      'full',
      encode({
        device: 'd-1',
        at: { seconds: 1_700_000_000, nanos: 123_456_789 },
        position: { lat: 52.5, lon: 13.25 },
        samples: [1, 2, 3],
        labels: { site: 'berlin' },
        uptime: { seconds: 90, nanos: 500_000_000 },
        battery: { value: 77 },
        level: 1,
        counter: '18446744073709551615',
        raw: Buffer.from([1, 2]),
      }),
    );
    await put('sparse', encode({ device: 'd-2', at: { seconds: 1_700_000_001 } }));
  });
  afterAll(async () => {
    client?.destroy();
    await Promise.all([kinesis?.stop(), glueServer?.close()]);
    rmSync(folder, { recursive: true, force: true });
  });

  it('types Parquet columns from the message: Timestamp, Duration, wrappers, nested messages, maps, enums', async () => {
    const to = join(folder, 'parquet');
    const run = await runCli([
      'ingest',
      'readings',
      '--to',
      to,
      '--format',
      'parquet',
      '--quiet',
      '--endpoint',
      kinesis.endpoint,
      '--glue-endpoint',
      glueServer.endpoint,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const files = readdirSync(to).filter((name) => name.endsWith('.parquet'));
    expect(files).toHaveLength(1);
    const file = join(to, files[0]!);
    const types = Object.fromEntries(
      (await duckdb(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).map((row) => [row.column_name, row.column_type]),
    );
    expect(types).toMatchObject({
      device: 'VARCHAR',
      at: 'TIMESTAMP',
      position: 'STRUCT(lat DOUBLE, lon DOUBLE)',
      samples: 'INTEGER[]',
      labels: 'MAP(VARCHAR, VARCHAR)',
      uptime: 'BIGINT',
      battery: 'BIGINT',
      level: 'VARCHAR',
      counter: 'DECIMAL(20,0)',
      raw: 'BLOB',
    });
    const rows = await duckdb(
      `SELECT partitionKey, device, "at"::VARCHAR AS "at", position.lat AS lat, position.lon AS lon, samples, labels['site'] AS site,
        uptime::VARCHAR AS uptime, battery::VARCHAR AS battery, level, counter::VARCHAR AS counter, hex(raw) AS raw
       FROM read_parquet('${file}') ORDER BY sequenceNumber`,
    );
    expect(rows).toEqual([
      {
        partitionKey: 'full',
        device: 'd-1',
        // Parquet's TIMESTAMP keeps microseconds: the Timestamp's last three nanosecond digits are below it.
        at: '2023-11-14 22:13:20.123456',
        lat: 52.5,
        lon: 13.25,
        samples: [1, 2, 3],
        site: 'berlin',
        uptime: '90500000',
        battery: '77',
        level: 'HIGH',
        counter: '18446744073709551615',
        raw: '0102',
      },
      {
        partitionKey: 'sparse',
        device: 'd-2',
        at: '2023-11-14 22:13:21',
        // proto3 writes no defaults, and reads them back: the nested message is unset, the scalars zero.
        lat: null,
        lon: null,
        samples: [],
        site: null,
        uptime: null,
        battery: null,
        level: 'LOW',
        counter: '0',
        raw: '',
      },
    ]);
  });
});
