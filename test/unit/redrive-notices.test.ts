import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNotices, MAX_NOTICE_FILE_BYTES } from '../../main/domain/redrive/notice-files';
import { mergeRanges } from '../../main/domain/redrive/notice-ranges';
import { parseNotices } from '../../main/domain/redrive/notices';
import { invocationRecord } from '../support/invocation-records';

const shard = 'shardId-000000000001';
const notice = (start: string, end: string, batchSize = 3, stream = 'orders') =>
  invocationRecord({ stream, shardId: shard, start, end, batchSize, firstArrival: new Date('2025-03-01T10:00:00Z') });

describe('failure notices', () => {
  it('reads an invocation record in the documented shape, one JSON document', () => {
    const { notices, problems } = parseNotices(JSON.stringify(notice('100', '200')), 'one.json', 10);
    expect(problems).toEqual([]);
    expect(notices).toEqual([
      expect.objectContaining({
        source: 'one.json',
        stream: 'orders',
        region: 'us-east-1',
        shardId: shard,
        start: '100',
        end: '200',
        batchSize: 3,
        condition: 'RetryAttemptsExhausted',
        firstArrival: '2025-03-01T10:00:00.000Z',
        hasPayload: false,
      }),
    ]);
  });

  it('reads JSON Lines and an array, reporting each bad one with where and why and keeping the rest', () => {
    const lines = [
      JSON.stringify(notice('1', '2')),
      '{ not json',
      JSON.stringify({ ...notice('3', '4'), KinesisBatchInfo: { ...notice('3', '4').KinesisBatchInfo, streamArn: 'orders' } }),
      JSON.stringify(notice('9', '5')),
      JSON.stringify(notice('5', '6')),
    ].join('\n');
    const { notices, problems } = parseNotices(lines, 'a.jsonl', 10);
    expect(notices.map((n) => n.source)).toEqual(['a.jsonl:1', 'a.jsonl:5']);
    expect(problems).toEqual([
      { source: 'a.jsonl:2', reason: expect.stringMatching(/^not JSON/) },
      { source: 'a.jsonl:3', reason: expect.stringContaining('KinesisBatchInfo.streamArn: a Kinesis stream ARN') },
      { source: 'a.jsonl:4', reason: expect.stringContaining('startSequenceNumber comes after endSequenceNumber') },
    ]);
    const array = parseNotices(JSON.stringify([notice('1', '2'), { hello: 1 }]), 'b.json', 10);
    expect(array.notices.map((n) => n.source)).toEqual(['b.json[0]']);
    expect(array.problems[0]).toMatchObject({ source: 'b.json[1]', reason: expect.stringContaining('KinesisBatchInfo') });
  });

  it('stops taking notices at the limit and says so', () => {
    const text = [notice('1', '2'), notice('3', '4'), notice('5', '6')].map((n) => JSON.stringify(n)).join('\n');
    const { notices, problems } = parseNotices(text, 'c.jsonl', 2);
    expect(notices).toHaveLength(2);
    expect(problems).toEqual([{ source: 'c.jsonl:3', reason: expect.stringContaining('limit') }]);
  });

  it('reads a folder tree, skipping an oversized file and an empty one with the reason', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'redrive-notices-'));
    mkdirSync(path.join(folder, '2025', '03'), { recursive: true });
    writeFileSync(path.join(folder, '2025', '03', 'a'), JSON.stringify(notice('1', '2')));
    writeFileSync(path.join(folder, 'b.jsonl'), `${JSON.stringify(notice('3', '4'))}\n`);
    writeFileSync(path.join(folder, 'empty.json'), '');
    writeFileSync(path.join(folder, 'huge.json'), Buffer.alloc(MAX_NOTICE_FILE_BYTES + 1, 32));
    const { notices, problems } = await readNotices(folder);
    expect(notices.map((n) => path.relative(folder, n.source))).toEqual([path.join('2025', '03', 'a'), 'b.jsonl']);
    expect(problems.map((p) => [path.basename(p.source), p.reason])).toEqual([
      ['empty.json', 'the file is empty'],
      ['huge.json', expect.stringContaining('larger than an invocation record can be')],
    ]);
    await expect(readNotices(path.join(folder, 'missing'))).rejects.toThrow(/There is no file or folder/);
  });

  it('merges notices of one shard whose ranges overlap or repeat, never ranges of another shard or stream', () => {
    const { notices } = parseNotices(
      [
        notice('100', '200'),
        notice('100', '200'),
        notice('150', '300'),
        notice('301', '400'),
        notice('50', '60'),
        notice('100', '200', 3, 'payments'),
      ]
        .map((n) => JSON.stringify(n))
        .join('\n'),
      'd.jsonl',
      10,
    );
    expect(mergeRanges(notices)).toEqual([
      { stream: 'orders', region: 'us-east-1', shardId: shard, start: '50', end: '60', notices: [4], found: 0 },
      { stream: 'orders', region: 'us-east-1', shardId: shard, start: '100', end: '300', notices: [0, 1, 2], found: 0 },
      { stream: 'orders', region: 'us-east-1', shardId: shard, start: '301', end: '400', notices: [3], found: 0 },
      { stream: 'payments', region: 'us-east-1', shardId: shard, start: '100', end: '200', notices: [5], found: 0 },
    ]);
  });

  it('compares sequence numbers as numbers, not text', () => {
    const { notices } = parseNotices([notice('9', '99'), notice('100', '1000')].map((n) => JSON.stringify(n)).join('\n'), 'e.jsonl', 10);
    expect(mergeRanges(notices).map((r) => [r.start, r.end])).toEqual([
      ['9', '99'],
      ['100', '1000'],
    ]);
  });

  it("keeps an S3 destination's payload records of the notice's own range, and leaves a bad payload aside with the reason", () => {
    const record = (sequenceNumber: string) => ({
      sequenceNumber,
      partitionKey: `k${sequenceNumber}`,
      data: Buffer.from(`{"s":${sequenceNumber}}`),
      arrival: new Date(),
    });
    const good = invocationRecord({
      stream: 'orders',
      shardId: shard,
      start: '10',
      end: '12',
      batchSize: 3,
      payload: ['12', '10', '99'].map(record),
    });
    const bad = invocationRecord({ stream: 'orders', shardId: shard, start: '20', end: '21', batchSize: 2, payload: [record('20')] });
    bad.payload!.Records[0]!.kinesis.data = 'not base64!';
    const { notices, problems, payloads } = parseNotices(JSON.stringify([good, bad]), 'p.json', 10);
    expect(notices.map((n) => n.hasPayload)).toEqual([true, false]);
    // Sorted, and the record outside the notice's range left out.
    expect(payloads!.get(notices[0]!)!.map((r) => [r.SequenceNumber, r.PartitionKey, Buffer.from(r.Data!).toString()])).toEqual([
      ['10', 'k10', '{"s":10}'],
      ['12', 'k12', '{"s":12}'],
    ]);
    expect(payloads!.has(notices[1]!)).toBe(false);
    expect(problems).toEqual([
      {
        source: 'p.json[1]',
        reason: expect.stringMatching(
          /^its payload's record 0 is not a Kinesis record \(kinesis\.data: .*\): only the stream's records are used$/,
        ),
      },
    ]);
  });
});
