import { gzipSync, deflateSync } from 'node:zlib';
import { aggregateUserRecords } from '../engine/kpl/aggregate';

export interface DemoRecord {
  partitionKey: string;
  data: Buffer;
}

export interface DemoStreamSpec {
  name: string;
  shards: number;
  /** Share of the producer's total rate this stream gets. */
  weight: number;
  make(count: number): Promise<DemoRecord[]>;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const id = (prefix: string, digits = 8) =>
  `${prefix}-${Math.random()
    .toString(36)
    .slice(2, 2 + digits)
    .padEnd(digits, '0')}`;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Zipf-like: user 1 is far busier than user 500, so clickstream shards are unevenly loaded. */
function skewedUser(): string {
  const rank = Math.floor(1 / (Math.random() * 0.998 + 0.002));
  return `user-${String(Math.min(rank, 500)).padStart(4, '0')}`;
}

const statuses = ['CREATED', 'PAID', 'PAID', 'SHIPPED', 'DELIVERED', 'FAILED', 'REFUNDED'] as const;
const skus = ['SKU-KEYBOARD', 'SKU-MOUSE', 'SKU-MONITOR', 'SKU-CABLE', 'SKU-DOCK', 'SKU-HEADSET'] as const;

export function orderEvent(now = new Date()) {
  const items = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => ({
    sku: pick(skus),
    quantity: 1 + Math.floor(Math.random() * 4),
    unitPrice: Math.round(500 + Math.random() * 25_000) / 100,
  }));
  const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  return {
    type: 'order',
    orderId: id('ord', 10),
    customerId: `cus-${String(Math.floor(Math.random() * 2_000)).padStart(5, '0')}`,
    status: pick(statuses),
    channel: pick(['web', 'mobile', 'store'] as const),
    total: { amount: Math.round(total * 100) / 100, currency: pick(['EUR', 'USD', 'GBP'] as const) },
    items,
    createdAt: now.toISOString(),
  };
}

const pages = ['/', '/search', '/product/keyboard', '/product/monitor', '/cart', '/checkout', '/account', '/help'] as const;

export function pageViewEvent(now = new Date()) {
  return {
    type: 'page_view',
    userId: skewedUser(),
    sessionId: id('ses'),
    page: pick(pages),
    referrer: pick(['direct', 'search', 'newsletter', 'social', 'partner'] as const),
    device: pick(['desktop', 'mobile', 'tablet'] as const),
    country: pick(['DE', 'US', 'FR', 'GB', 'IN', 'BR', 'JP'] as const),
    durationMs: Math.floor(Math.random() * 45_000),
    timestamp: now.toISOString(),
  };
}

const mixedKinds = ['text', 'json', 'gzip-json', 'zlib-json', 'binary', 'kpl'] as const;
export type MixedKind = (typeof mixedKinds)[number];

/** One record of the given encoding, as a producer of that kind would write it. */
export async function mixedRecord(kind: MixedKind, now = new Date()): Promise<DemoRecord> {
  const partitionKey = id('device', 4);
  const reading = {
    type: 'sensor_reading',
    deviceId: partitionKey,
    celsius: Math.round(150 + Math.random() * 150) / 10,
    at: now.toISOString(),
  };
  switch (kind) {
    case 'text':
      return {
        partitionKey,
        data: Buffer.from(
          `${now.toISOString()} INFO worker-${Math.floor(Math.random() * 8)} processed batch in ${Math.floor(Math.random() * 900)} ms`,
        ),
      };
    case 'json':
      return { partitionKey, data: json(reading) };
    case 'gzip-json':
      return { partitionKey, data: gzipSync(json({ ...reading, compressed: 'gzip' })) };
    case 'zlib-json':
      return { partitionKey, data: deflateSync(json({ ...reading, compressed: 'zlib' })) };
    case 'binary': {
      // A fixed-layout frame: magic, version, device number, float reading.
      const frame = Buffer.alloc(16);
      frame.write('SSB1', 0, 'ascii');
      frame.writeUInt16BE(1, 4);
      frame.writeUInt32BE(Math.floor(Math.random() * 0xffffffff), 6);
      frame.writeDoubleBE(reading.celsius, 8);
      return { partitionKey, data: frame };
    }
    case 'kpl': {
      const users = Array.from({ length: 3 + Math.floor(Math.random() * 4) }, (_, index) => ({
        partitionKey: `${partitionKey}-${index}`,
        data: json({ ...reading, batchIndex: index }),
      }));
      const [aggregated] = await aggregateUserRecords(users);
      return aggregated!;
    }
  }
}

let mixedCursor = 0;

export const demoStreams: readonly DemoStreamSpec[] = [
  {
    name: 'orders',
    shards: 2,
    weight: 4,
    make: async (count) =>
      Array.from({ length: count }, () => {
        const event = orderEvent();
        return { partitionKey: event.customerId, data: json(event) };
      }),
  },
  {
    name: 'clickstream',
    shards: 4,
    weight: 20,
    make: async (count) =>
      Array.from({ length: count }, () => {
        const event = pageViewEvent();
        return { partitionKey: event.userId, data: json(event) };
      }),
  },
  {
    name: 'mixed-encodings',
    shards: 1,
    weight: 1,
    make: (count) => Promise.all(Array.from({ length: count }, () => mixedRecord(mixedKinds[mixedCursor++ % mixedKinds.length]!))),
  },
];
