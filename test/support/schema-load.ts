import { CreateRegistryCommand, CreateSchemaCommand, RegisterSchemaVersionCommand, type GlueClient } from '@aws-sdk/client-glue';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import avro from 'avsc';
import { mapWithConcurrency } from '../../main/domain/engine/kinesis/concurrency';
import { gsrFrame } from './gsr-frame';

/**
 * Load for schema-encoded reads: the ingest benchmark's event, written by avsc (not by the
 * decoder under test) in two versions, as a producer fleet part-way through a deploy writes
 * them. v2 adds a field with a default: a BACKWARD-compatible change.
 */
const fieldsV1 = [
  { name: 'id', type: 'long' },
  { name: 'type', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'page', type: 'string' },
  { name: 'amount', type: 'double' },
  { name: 'ok', type: 'boolean' },
  { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
  { name: 'note', type: 'string' },
];
export const LOAD_SCHEMA_V1 = JSON.stringify({ type: 'record', name: 'PageView', namespace: 'bench', fields: fieldsV1 });
export const LOAD_SCHEMA_V2 = JSON.stringify({
  type: 'record',
  name: 'PageView',
  namespace: 'bench',
  fields: [...fieldsV1, { name: 'channel', type: ['null', 'string'], default: null }],
});

export interface LoadVersions {
  v1: string;
  v2: string;
}

/** Registers the two versions in a Glue Schema Registry (the sandbox's stand-in) as a producer's deploy would. */
export async function registerLoadSchemas(glue: GlueClient, registry = 'bench'): Promise<LoadVersions> {
  await glue.send(new CreateRegistryCommand({ RegistryName: registry }));
  const first = await glue.send(
    new CreateSchemaCommand({
      RegistryId: { RegistryName: registry },
      SchemaName: 'page-view',
      DataFormat: 'AVRO',
      Compatibility: 'BACKWARD',
      SchemaDefinition: LOAD_SCHEMA_V1,
    }),
  );
  const second = await glue.send(
    new RegisterSchemaVersionCommand({ SchemaId: { RegistryName: registry, SchemaName: 'page-view' }, SchemaDefinition: LOAD_SCHEMA_V2 }),
  );
  return { v1: first.SchemaVersionId!, v2: second.SchemaVersionId! };
}

const TS = Date.parse('2026-11-28T10:00:00.000Z');

/** The event numbered `n`, as its JSON reads once decoded (the timestamp as the ISO string a decoded timestamp-millis is). */
export function loadEvent(n: number) {
  const i = n % 500;
  return {
    id: n,
    type: 'page_view',
    user: `user-${i % 997}`,
    page: '/products/item',
    amount: i * 1.25,
    ok: i % 2 === 0,
    ts: new Date(TS).toISOString(),
    // Sized so a framed Avro record is about 200 bytes, as the JSON ingest benchmark's are.
    note: 'x'.repeat(128),
  };
}

export type LoadEncoding = 'gsr-avro' | 'json';

/** Record `n` as bytes: GSR-framed Avro, every other one written by v2; or the same event as JSON. */
export function loadRecordEncoder(encoding: LoadEncoding, versions?: LoadVersions): (n: number) => Buffer {
  if (encoding === 'json') return (n) => Buffer.from(JSON.stringify(loadEvent(n)));
  if (!versions) throw new Error('GSR records need the schema versions they are framed with');
  const v1 = avro.Type.forSchema(JSON.parse(LOAD_SCHEMA_V1) as avro.Schema);
  const v2 = avro.Type.forSchema(JSON.parse(LOAD_SCHEMA_V2) as avro.Schema);
  return (n) => {
    // avsc without logical types: the timestamp is written as the long it is on the wire.
    const value = { ...loadEvent(n), ts: TS };
    return n % 2 === 0
      ? gsrFrame(versions.v1, v1.toBuffer(value))
      : gsrFrame(versions.v2, v2.toBuffer({ ...value, channel: n % 4 === 1 ? 'web' : null }));
  };
}

/** Writes `count` records (a multiple of 500) with PutRecords of 500, four calls at a time, as the ingest benchmark fills its streams. */
export async function putLoad(client: KinesisClient, stream: string, count: number, encode: (n: number) => Buffer): Promise<void> {
  const batches = Array.from({ length: count / 500 }, (_, b) => b);
  await mapWithConcurrency(batches, 4, async (b) => {
    const result = await client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `user-${(b * 500 + i) % 9973}`, Data: encode(b * 500 + i) })),
      }),
    );
    if (result.FailedRecordCount) throw new Error(`${result.FailedRecordCount} records of a PutRecords call to ${stream} were refused`);
  });
}
