// A steady writer in its own process (the app under measurement shares none of its CPU time
// with it): `tsx bench/load-producer.ts ENDPOINT STREAM RATE V1 V2` writes GSR Avro records of
// the schema-load events at RATE records a second until it is sent SIGINT.
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../main/aws/clients';
import { loadRecordEncoder } from '../test/support/schema-load';

const [endpoint, stream, rateText, v1, v2] = process.argv.slice(2);
const rate = Number(rateText);
if (!endpoint || !stream || !Number.isInteger(rate) || rate <= 0 || !v1 || !v2)
  throw new Error('usage: load-producer.ts ENDPOINT STREAM RATE V1 V2');

const client = createKinesisClient({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  maxAttempts: 3,
});
const encode = loadRecordEncoder('gsr-avro', { v1, v2 });
const TICK_MS = 100;
let running = true;
let next = 0;
let owed = 0;
let last = performance.now();
process.once('SIGINT', () => (running = false));

// Records owed since the last tick are written, 500 a call: a slow server lowers the rate
// rather than piling calls up, as the sandbox's own producer does.
while (running) {
  const now = performance.now();
  owed += (rate * Math.min(now - last, 5 * TICK_MS)) / 1000;
  last = now;
  const due = Math.floor(owed);
  owed -= due;
  const calls: Promise<unknown>[] = [];
  for (let sent = 0; sent < due; sent += 500) {
    const count = Math.min(500, due - sent);
    const first = next;
    next += count;
    const Records = Array.from({ length: count }, (_, i) => ({ PartitionKey: `user-${(first + i) % 9973}`, Data: encode(first + i) }));
    calls.push(client.send(new PutRecordsCommand({ StreamName: stream, Records })).catch(() => undefined));
  }
  await Promise.all(calls);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, TICK_MS - (performance.now() - now))));
}
client.destroy();
