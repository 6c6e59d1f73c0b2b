import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { DECODE_SLICE_MS, decodePage } from '../../main/domain/engine/decode/decode-page';
import { decodePayload, MAX_JSON_DEPTH } from '../../main/domain/engine/decode/payload';
import { decodeRecord, MAX_USER_RECORDS_PER_AGGREGATE } from '../../main/domain/engine/decode/record';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';

const record = (data: Buffer, sequence = '4960') => ({
  Data: new Uint8Array(data),
  PartitionKey: 'pk',
  SequenceNumber: sequence,
  ApproximateArrivalTimestamp: new Date('2026-11-28T08:00:00Z'),
});
const MiB = 1024 * 1024;

describe('decoding records from strangers, within bounds', () => {
  it('keeps JSON up to the depth limit and shows deeper JSON as text, without exhausting the stack', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect(decodePayload(Buffer.from(nested(MAX_JSON_DEPTH)))).toMatchObject({ encoding: 'json', error: null });
    const deep = decodePayload(Buffer.from(nested(500_000)));
    expect(deep).toMatchObject({ encoding: 'text', error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels is shown as text` });
  });

  it('lets the user records of one aggregate inflate to 16 MiB in all, not 16 MiB each', async () => {
    // Each 10 MiB of zeros gzips to about 10 KiB: three of them would be 30 MiB inflated.
    const bomb = gzipSync(Buffer.alloc(10 * MiB));
    const aggregates = await aggregateUserRecords([0, 1, 2].map((i) => ({ partitionKey: `k${i}`, data: bomb })));
    expect(aggregates).toHaveLength(1);
    const users = decodeRecord('shardId-1', record(aggregates[0]!.data));
    expect(users.map((u) => u.compression)).toEqual(['gzip', null, null]);
    expect(users[1]!.error).toBe('gzip data could not be inflated: it would pass the 16 MiB its Kinesis record may inflate to in all');
    // The first inflates; the two that would pass the budget keep their gzip bytes.
    expect(users.map((u) => u.bytes.length)).toEqual([10 * MiB, bomb.length, bomb.length]);
  });

  it('shows an aggregate of more user records than the limit as one raw record', async () => {
    const users = Array.from({ length: MAX_USER_RECORDS_PER_AGGREGATE + 1 }, () => ({ partitionKey: 'k', data: Buffer.from('x') }));
    const aggregates = await aggregateUserRecords(users);
    expect(aggregates).toHaveLength(1);
    expect(decodeRecord('shardId-1', record(aggregates[0]!.data))).toEqual([
      expect.objectContaining({
        encoding: 'binary',
        subSequenceNumber: null,
        error: expect.stringMatching(/more than 100000\) is shown raw$/),
      }),
    ]);
  });

  it('gives the event loop a turn each time a slice of decoding time is used up, not only after the page', async () => {
    // A held clock that each record moves on by a quarter of a slice, so the turns fall on exact records.
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const page = Array.from({ length: 12 }, (_, i) => record(Buffer.from(`"r${i}"`), String(i)));
      const hadTurn: boolean[] = [];
      let turned = true;
      await decodePage('shardId-1', page, () => {
        hadTurn.push(turned);
        turned = false;
        setImmediate(() => (turned = true));
        vi.advanceTimersByTime(DECODE_SLICE_MS / 4);
      });
      expect(hadTurn).toEqual([true, false, false, false, true, false, false, false, true, false, false, false]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an aggregate of 174,000 empty records from its tags, holding the event loop far less than building them would', async () => {
    // 6 bytes a record: the most user records 1 MiB can carry. Building them all held main about 1.7 s a record on this machine.
    const empty = Buffer.alloc(0);
    const [packed] = await aggregateUserRecords(Array.from({ length: 174_000 }, () => ({ partitionKey: 'e', data: empty })));
    // CPU time, not wall time: on a shared machine another process can stretch any wall-clock gap.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    let longest = 0;
    for (let i = 0; i < 10; i += 1) {
      const started = process.cpuUsage();
      const decoded = decodeRecord('shardId-1', record(packed!.data, String(i)));
      longest = Math.max(longest, cpuMs(started));
      expect(decoded.map(({ error, subSequenceNumber, size }) => ({ error, subSequenceNumber, size }))).toEqual([
        {
          error: 'a KPL aggregate of 174000 user records (more than 100000) is shown raw',
          subSequenceNumber: null,
          size: packed!.data.length,
        },
      ]);
    }
    // 50 ms is the bench's bound; 250 leaves room for a busy machine and still fails a decoder that builds the records first.
    expect(longest).toBeLessThan(250);
  }, 60_000);
});
