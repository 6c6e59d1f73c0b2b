import { describe, expect, it } from 'vitest';
import { PREVIEW_LIMIT, toPreviewRecord } from '../../main/domain/engine/decode/preview-record';
import { decodeRecord, withSchema } from '../../main/domain/engine/decode/record';
import { recordText } from '../../shared/contract';

const kinesisRecord = (data: Uint8Array, n = 1) => ({
  Data: data,
  SequenceNumber: String(n),
  PartitionKey: `k${n}`,
  ApproximateArrivalTimestamp: new Date(Date.UTC(2026, 11, 6, 12, 0, n)),
});
const decoded = (data: Uint8Array) => decodeRecord('shardId-000000000000', kinesisRecord(data))[0]!;

describe("a preview record's weight on the wire", () => {
  it('leaves out the text of a JSON record that only repeats its value, and gives it back through recordText', () => {
    const preview = toPreviewRecord(decoded(Buffer.from('{ "order": 7, "items": ["a", "b"] }')));
    expect(preview.json).toEqual({ order: 7, items: ['a', 'b'] });
    expect(preview).not.toHaveProperty('text');
    expect(recordText(preview)).toBe('{"order":7,"items":["a","b"]}');
    // The wire carries the JSON once.
    expect(JSON.stringify(preview).split('"order"').length - 1).toBe(1);
  });
  it('keeps the text of a text record, of a binary one, and of JSON too long to send as a value', () => {
    expect(toPreviewRecord(decoded(Buffer.from('plain words'))).text).toBe('plain words');
    expect(toPreviewRecord(decoded(Uint8Array.of(0xff, 0xfe, 0x01))).text).toBe(Buffer.from([0xff, 0xfe, 0x01]).toString('base64'));
    const long = toPreviewRecord(decoded(Buffer.from(JSON.stringify({ pad: 'x'.repeat(PREVIEW_LIMIT) }))));
    expect(long.json).toBeUndefined();
    expect(long.truncated).toBe(true);
    expect(long.text).toHaveLength(PREVIEW_LIMIT);
    expect(recordText(long)).toBe(long.text);
  });
  it("sends a decoded record's bytes as read only when asked to (the live preview leaves them out)", () => {
    const framed = Uint8Array.of(3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0x0e, 0x61);
    const schema = { registry: 'shop', name: 'payments', version: 2, id: 'b7b4', format: 'AVRO' as const };
    const record = withSchema(decoded(framed), { ok: true, schema, decoded: { value: { amount: 7 } } });
    const fetched = toPreviewRecord(record, Number.POSITIVE_INFINITY);
    expect(Buffer.from(fetched.raw!, 'base64')).toEqual(Buffer.from(framed));
    const streamed = toPreviewRecord(record, PREVIEW_LIMIT, false);
    expect(streamed.raw).toBeUndefined();
    expect(streamed.schema).toEqual(schema);
    expect(recordText(streamed)).toBe('{"amount":7}');
  });
});
