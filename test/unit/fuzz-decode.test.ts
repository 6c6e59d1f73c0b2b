import { createHash } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePayload, MAX_INFLATED_BYTES } from '../../main/domain/engine/decode/payload';
import { decodeRecord } from '../../main/domain/engine/decode/record';
import { toRecordJson } from '../../main/domain/engine/decode/record-json';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';
import { PREVIEW_LIMIT, toPreviewRecord } from '../../main/domain/engine/decode/preview-record';
import { recordText } from '../../shared/contract';

const record = (data: Uint8Array) => ({ Data: data, PartitionKey: 'pk', SequenceNumber: '1', ApproximateArrivalTimestamp: new Date(0) });

/** Flips, inserts, drops and truncates bytes: the shapes corruption takes on a wire or a disk. */
const mutated = (seed: Buffer) =>
  fc
    .array(
      fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
        fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((edits) => {
      let bytes = Buffer.from(seed);
      for (const edit of edits) {
        const at = bytes.length ? edit.at % bytes.length : 0;
        if (edit.kind === 'flip' && bytes.length) bytes[at] = bytes[at]! ^ edit.bits;
        else if (edit.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), edit.bytes, bytes.subarray(at)]);
        else if (edit.kind === 'cut') bytes = bytes.subarray(0, at);
      }
      return bytes;
    });

/** Everything a decoded record becomes on its way out must work too: the preview row and the JSON line. */
function expectUsable(data: Uint8Array) {
  const users = decodeRecord('shardId-000000000000', record(data));
  expect(users.length).toBeGreaterThanOrEqual(1);
  for (const user of users) {
    expect(user.bytes.length).toBeLessThanOrEqual(MAX_INFLATED_BYTES);
    expect(typeof JSON.stringify(toRecordJson(user))).toBe('string');
    // The preview row shows the record's own content, cut at the limit and flagged when cut.
    const preview = toPreviewRecord(user);
    const whole =
      user.encoding === 'binary'
        ? (user.value as Buffer).toString('base64')
        : user.encoding === 'json'
          ? JSON.stringify(user.value)
          : (user.value as string);
    const text = recordText(preview);
    expect(text.length).toBeLessThanOrEqual(PREVIEW_LIMIT);
    expect(whole.startsWith(text)).toBe(true);
    expect(preview.truncated).toBe(whole.length > text.length);
  }
}

describe('decoding fuzzed bytes never throws and stays bounded', () => {
  const json = Buffer.from(JSON.stringify({ order: 17, status: 'FAILED', items: [{ sku: 'a', qty: 2 }], note: 'héllo ✓' }));

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4_096 }), (bytes) => expectUsable(bytes)),
      { numRuns: 500 },
    );
  });

  it('mutated gzip, zlib and JSON', () => {
    for (const seed of [gzipSync(json), deflateSync(json), json]) {
      fc.assert(
        fc.property(mutated(seed), (bytes) => {
          expect(() => decodePayload(bytes)).not.toThrow();
          expectUsable(bytes);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('JSON-like text of any shape, nesting included', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'large' }), (text) => expectUsable(Buffer.from(text))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":'), (depth, open) =>
        expectUsable(Buffer.from(open.repeat(depth))),
      ),
      { numRuns: 30 },
    );
  });

  it('mutated KPL aggregates', async () => {
    const [aggregate] = await aggregateUserRecords([
      { partitionKey: 'a', data: json },
      { partitionKey: 'b', data: gzipSync(json) },
      { partitionKey: 'c', data: Buffer.from('plain') },
    ]);
    fc.assert(
      fc.property(mutated(aggregate!.data), (bytes) => expectUsable(bytes)),
      { numRuns: 300 },
    );
    // With the checksum made right again, so the protobuf parser itself meets the corruption.
    const body = aggregate!.data.subarray(4, aggregate!.data.length - 16);
    const resealed = (protobuf: Buffer) =>
      Buffer.concat([aggregate!.data.subarray(0, 4), protobuf, createHash('md5').update(protobuf).digest()]);
    fc.assert(
      fc.property(mutated(Buffer.from(body)), (protobuf) => expectUsable(resealed(protobuf))),
      { numRuns: 500 },
    );
  });
});
