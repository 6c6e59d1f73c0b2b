import { CreateRegistryCommand, CreateSchemaCommand, RegisterSchemaVersionCommand, type GlueClient } from '@aws-sdk/client-glue';
import avro from 'avsc';
import protobuf from 'protobufjs';
import type { DemoRecord, DemoStreamSpec } from '../demo-data';
import type { LocalConfluentRegistry } from '../registries/confluent-registry-server';
import { avroDecimalBytes, gsrFrame, gsrMessageNames, gsrProtobufPayload } from './gsr-encoding';
import { DEMO_REGISTRY, PAYMENT_V1, PAYMENT_V2, TELEMETRY_MESSAGE, TELEMETRY_PROTO } from './schemas';

/** The version ids the demo's records carry, as the registry gave them. */
export interface DemoSchemaVersions {
  paymentsV1: string;
  paymentsV2: string;
  telemetry: string;
}

/** Registers the demo's schemas in the sandbox's Glue stand-in, as a producer's deploy would. */
export async function registerDemoSchemas(glue: GlueClient): Promise<DemoSchemaVersions> {
  await glue.send(new CreateRegistryCommand({ RegistryName: DEMO_REGISTRY, Description: 'Shardscope sandbox demo schemas' }));
  const registryId = { RegistryName: DEMO_REGISTRY };
  const payments = await glue.send(
    new CreateSchemaCommand({
      RegistryId: registryId,
      SchemaName: 'payments',
      DataFormat: 'AVRO',
      Compatibility: 'BACKWARD',
      SchemaDefinition: PAYMENT_V1,
    }),
  );
  const paymentsV2 = await glue.send(
    new RegisterSchemaVersionCommand({ SchemaId: { ...registryId, SchemaName: 'payments' }, SchemaDefinition: PAYMENT_V2 }),
  );
  const telemetry = await glue.send(
    new CreateSchemaCommand({
      RegistryId: registryId,
      SchemaName: 'telemetry',
      DataFormat: 'PROTOBUF',
      Compatibility: 'BACKWARD',
      SchemaDefinition: TELEMETRY_PROTO,
    }),
  );
  return { paymentsV1: payments.SchemaVersionId!, paymentsV2: paymentsV2.SchemaVersionId!, telemetry: telemetry.SchemaVersionId! };
}

/**
 * The same schemas under Confluent's subject naming (TopicNameStrategy: STREAM-value), so the
 * sandbox's Confluent-compatible registry has something to pick when encoding a record by hand.
 */
export function registerConfluentDemoSchemas(registry: Pick<LocalConfluentRegistry, 'register'>): void {
  registry.register('payments-value', PAYMENT_V1, 'AVRO');
  registry.register('payments-value', PAYMENT_V2, 'AVRO');
  registry.register('telemetry-value', TELEMETRY_PROTO, 'PROTOBUF');
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const digits = (count: number) => String(Math.floor(Math.random() * 10 ** count)).padStart(count, '0');

/** The demo's schema-encoded streams: `payments` (GSR Avro, v1 and v2 writers at once) and `telemetry` (GSR Protobuf). */
export function schemaDemoStreams(versions: DemoSchemaVersions): DemoStreamSpec[] {
  const paymentV1 = avro.Type.forSchema(JSON.parse(PAYMENT_V1) as avro.Schema);
  const paymentV2 = avro.Type.forSchema(JSON.parse(PAYMENT_V2) as avro.Schema);
  const telemetry = telemetryType();
  return [
    {
      name: 'payments',
      shards: 1,
      weight: 2,
      make: async (count) => Array.from({ length: count }, () => paymentRecord(versions, paymentV1, paymentV2)),
    },
    {
      name: 'telemetry',
      shards: 1,
      weight: 2,
      make: async (count) => Array.from({ length: count }, () => telemetryRecord(versions.telemetry, telemetry)),
    },
  ];
}

function paymentRecord(versions: DemoSchemaVersions, v1: avro.Type, v2: avro.Type): DemoRecord {
  const accountId = `acct-${digits(5)}`;
  const method = pick(['CARD', 'CARD', 'SEPA', 'WALLET', 'BANK_TRANSFER'] as const);
  const base = {
    paymentId: `pay-${digits(10)}`,
    accountId,
    amount: avroDecimalBytes(BigInt(Math.floor(100 + Math.random() * 500_000))),
    currency: pick(['EUR', 'USD', 'GBP', 'JPY'] as const),
    method,
    createdAt: Date.now(),
  };
  // A quarter of the writers have not deployed v2 yet: both versions arrive side by side.
  if (Math.random() < 0.25) return { partitionKey: accountId, data: gsrFrame(versions.paymentsV1, v1.toBuffer(base)) };
  const value = {
    ...base,
    merchant: Math.random() < 0.8 ? pick(['Coffee Corner', 'Bookshop', 'Rail Tickets', 'Grocer', 'Cloud Hosting']) : null,
    card: method === 'CARD' ? { network: pick(['VISA', 'MASTERCARD', 'AMEX']), last4: digits(4) } : null,
  };
  // Some producers turn on the serializer's zlib compression.
  return { partitionKey: accountId, data: gsrFrame(versions.paymentsV2, v2.toBuffer(value), { zlib: Math.random() < 0.2 }) };
}

interface TelemetryType {
  type: protobuf.Type;
  index: number;
}

function telemetryType(): TelemetryType {
  const parsed = protobuf.parse(TELEMETRY_PROTO, { keepCase: true });
  // The index counts this file's messages only: taken before the imported Timestamp is added.
  const index = gsrMessageNames(parsed.root).indexOf(TELEMETRY_MESSAGE);
  for (const file of parsed.imports ?? []) {
    const common = protobuf.common.get(file) as protobuf.INamespace | null;
    if (common?.nested) parsed.root.addJSON(common.nested);
  }
  parsed.root.resolveAll();
  return { type: parsed.root.lookupType(TELEMETRY_MESSAGE), index };
}

const devices = ['therm', 'meter', 'pump', 'door'] as const;

function telemetryRecord(versionId: string, { type, index }: TelemetryType): DemoRecord {
  const kind = pick(devices);
  const deviceId = `${kind}-${digits(3)}`;
  const now = Date.now();
  const message = type.fromObject({
    device_id: deviceId,
    observed_at: { seconds: Math.floor(now / 1000), nanos: (now % 1000) * 1_000_000 },
    location: { latitude: 52.5 + Math.random() / 10, longitude: 13.4 + Math.random() / 10, floor: Math.floor(Math.random() * 6) },
    metrics: [
      { name: 'temperature', value: Math.round(180 + Math.random() * 80) / 10, unit: 'celsius' },
      { name: 'battery', value: Math.round(Math.random() * 100), unit: 'percent' },
    ],
    tags: { site: pick(['berlin-1', 'berlin-2', 'potsdam']), kind },
    status: pick(['OK', 'OK', 'OK', 'DEGRADED', 'OFFLINE']),
    device: { model: `${kind.toUpperCase()}-${pick(['A', 'B'])}`, firmware: pick(['1.4.2', '1.5.0']) },
    sequence: Math.floor(now / 100),
  });
  return { partitionKey: deviceId, data: gsrFrame(versionId, gsrProtobufPayload(index, type.encode(message).finish())) };
}
