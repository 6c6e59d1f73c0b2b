import avro from 'avsc';

/**
 * An Avro schema with every logical type and shape a run types columns from, in three versions:
 * v2 widens v1 as a BACKWARD-compatible producer would (int quantity becomes long, fields added
 * with defaults); v3 changes quantity to a string, which no Avro promotion reads.
 */
const commonFields = [
  { name: 'id', type: 'string' },
  { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
  { name: 'placedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
  { name: 'shippedAt', type: ['null', { type: 'long', logicalType: 'timestamp-micros' }], default: null },
  { name: 'day', type: { type: 'int', logicalType: 'date' } },
  { name: 'ref', type: { type: 'string', logicalType: 'uuid' } },
  { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
  {
    name: 'customer',
    type: {
      type: 'record',
      name: 'Customer',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'vip', type: 'boolean' },
      ],
    },
  },
  { name: 'tags', type: { type: 'array', items: 'string' } },
  { name: 'attrs', type: { type: 'map', values: 'long' } },
  { name: 'blob', type: 'bytes' },
];

const order = (fields: object[]) => ({ type: 'record', name: 'Order', namespace: 'shop', fields });

export const ORDER_V1 = order([...commonFields, { name: 'quantity', type: 'int' }]);
export const ORDER_V2 = order([
  ...commonFields,
  { name: 'quantity', type: 'long' },
  { name: 'channel', type: 'string', default: 'web' },
  { name: 'note', type: ['null', 'string'], default: null },
]);
export const ORDER_V3 = order([...commonFields, { name: 'quantity', type: 'string' }]);

/** Avro's decimal bytes written here by hand: the unscaled value, big-endian two's complement. */
export function decimalBytes(unscaled: bigint): Buffer {
  let hex = (unscaled < 0n ? (1n << 64n) + unscaled : unscaled).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (unscaled >= 0n && bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  if (unscaled < 0n) while (bytes.length > 1 && bytes[0] === 0xff && bytes[1]! & 0x80) bytes = bytes.subarray(1);
  return bytes;
}

/** avsc with no logical types registered writes the underlying values, independently of the decoder under test. */
export const encodeOrder = (schema: object, value: object): Buffer => avro.Type.forSchema(schema as avro.Schema).toBuffer(value);

/** One order's underlying Avro values; `n` varies every field. */
export function orderValue(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `o-${n}`,
    price: decimalBytes(BigInt(n % 2 ? -1234 - n : 1234 + n)),
    placedAt: 1_700_000_000_123 + n,
    shippedAt: n % 2 ? null : 1_700_000_100_000_001 + n,
    day: 19_700 + n,
    ref: `0000000${n}-0000-4000-8000-00000000000${n}`,
    status: n % 2 ? 'PAID' : 'NEW',
    customer: { name: `c${n}`, vip: n % 2 === 0 },
    tags: [`t${n}`, 'x'],
    attrs: { a: n, b: 2 ** 40 + n },
    blob: Buffer.from([n, 0xff]),
    quantity: n,
    ...extra,
  };
}
