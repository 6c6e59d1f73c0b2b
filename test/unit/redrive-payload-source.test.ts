import { describe, expect, it } from 'vitest';
import type { RedrivePlan } from '../../shared/contract/redrive';
import { parseNotices, type ParsedNotices } from '../../main/domain/redrive/notices';
import { payloadSourceOf, payloadsOf } from '../../main/domain/redrive/payload-source';
import { invocationRecord, type BatchRecord } from '../support/invocation-records';

const shard = 'shardId-000000000000';
const arrival = new Date('2025-03-01T10:00:00Z');
const records = (from: number, to: number, tag = ''): BatchRecord[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    sequenceNumber: String(from + i),
    partitionKey: `k-${from + i}`,
    data: Buffer.from(`{"n":${from + i}${tag}}`),
    arrival,
  }));
const notice = (payload: BatchRecord[], region = 'us-east-1') =>
  invocationRecord({
    stream: 'orders',
    shardId: shard,
    start: payload[0]!.sequenceNumber,
    end: payload.at(-1)!.sequenceNumber,
    batchSize: payload.length,
    firstArrival: arrival,
    region,
    payload,
  });
const parse = (...items: ReturnType<typeof notice>[]): ParsedNotices => parseNotices(JSON.stringify(items), 'failures.json', 100);

/** The plan findRecords would make: every notice read from the stream unless a reason is given. */
function planOf(read: ParsedNotices, reasons: (string | null)[] = []): RedrivePlan {
  const outcome = (index: number) => ({ found: 0, fromPayload: 0, expired: 0, unread: 0, expiredAt: null, reason: reasons[index] ?? null });
  return {
    notices: read.notices.map((n, index) => ({ ...n, outcome: outcome(index) })),
    problems: [],
    ranges: [{ stream: 'orders', region: 'us-east-1', shardId: shard, start: '10', end: '40', notices: [0], found: 0 }],
    totals: { notices: read.notices.length, found: 0, fromPayload: 0, expired: 0, unread: 0 },
  };
}

const job = (payloadOnly: number[] = []) => ({
  stream: 'orders',
  ranges: [{ shardId: shard, start: '10', end: '40' }],
  payloadOnly: new Set(payloadOnly),
});

describe("a redrive job's payload source", () => {
  it('keeps each record inside the ranges once, in sequence order, however many notices carry it', () => {
    const read = parse(notice(records(30, 45)), notice(records(10, 35)));
    const source = payloadSourceOf('/notices', read, planOf(read), job())!;
    expect(source.notices.map((n) => n.source)).toEqual(['failures.json[0]', 'failures.json[1]']);
    const byShard = payloadsOf(source, read, [{ shardId: shard, start: '10', end: '40' }]);
    expect(byShard.get(shard)!.map((r) => r.SequenceNumber)).toEqual(records(10, 40).map((r) => r.sequenceNumber));
  });

  it("leaves out a notice of another region or of a stream made again, and takes a gone shard's", () => {
    const read = parse(notice(records(10, 12)), notice(records(13, 15), 'eu-west-1'), notice(records(16, 18)));
    const plan = planOf(read, [null, 'the notice is for another ARN', 'the shard is gone']);
    const source = payloadSourceOf('/notices', read, plan, job([2]))!;
    expect(source.notices.map((n) => n.source)).toEqual(['failures.json[0]', 'failures.json[2]']);
  });

  it('refuses a notice that changed or vanished since the job was planned, naming it', () => {
    const read = parse(notice(records(10, 20)), notice(records(21, 30)));
    const source = payloadSourceOf('s3://b/p/', read, planOf(read), job())!;
    const ranges = [{ shardId: shard, start: '10', end: '40' }];
    const changed = parse(notice(records(10, 20)), notice(records(21, 30, ',"x":1')));
    expect(() => payloadsOf(source, changed, ranges)).toThrow(/The notice failures\.json\[1\] changed since this redrive began/);
    const vanished = parse(notice(records(10, 20)));
    expect(() => payloadsOf(source, vanished, ranges)).toThrow(/The notice failures\.json\[1\] is gone/);
    expect(payloadsOf(source, parse(notice(records(10, 20)), notice(records(21, 30))), ranges).get(shard)).toHaveLength(21);
  });
});
