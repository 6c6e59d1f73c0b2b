import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../main/domain/engine/decode/payload';
import { decodeRecord } from '../../main/domain/engine/decode/record';
import { aggregateUserRecords } from '../../main/domain/engine/kpl/aggregate';

const record = (data: Buffer) => ({
  Data: new Uint8Array(data),
  PartitionKey: 'pk',
  SequenceNumber: '4960',
  ApproximateArrivalTimestamp: new Date('2026-11-28T08:00:00Z'),
});

describe('decodePayload', () => {
  it.each([
    [
      'JSON',
      Buffer.from('{"status":"FAILED","n":1}'),
      { encoding: 'json', compression: null, value: { status: 'FAILED', n: 1 }, error: null },
    ],
    ['text', Buffer.from('2026-11-28 INFO ok'), { encoding: 'text', value: '2026-11-28 INFO ok', error: null }],
    ['gzip JSON', gzipSync('[1,2]'), { encoding: 'json', compression: 'gzip', value: [1, 2] }],
    ['zlib JSON', deflateSync('{"a":true}'), { encoding: 'json', compression: 'zlib', value: { a: true } }],
    [
      'text that starts like a zlib header',
      Buffer.from('x^2 + y^2'),
      { encoding: 'text', compression: null, value: 'x^2 + y^2', error: null },
    ],
    ['binary', Buffer.from([0x53, 0x53, 0x42, 0x31, 0, 1, 0xff, 0xfe]), { encoding: 'binary', error: null }],
    ['valid UTF-8 text with a NUL in it', Buffer.from('ready\u0000 steady go'), { encoding: 'binary', error: null }],
    [
      'invalid UTF-8 text with a NUL in it',
      Buffer.concat([Buffer.from('hello\u0000 wor'), Buffer.from([0xc3]), Buffer.from('ld, how are you')]),
      { encoding: 'binary', error: 'not valid UTF-8, though it reads like text' },
    ],
    ['a UTF-16 surrogate written as UTF-8', Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]), { encoding: 'binary' }],
    ['text after a byte-order mark', Buffer.from('\ufeff{"a":1}'), { encoding: 'json', value: { a: 1 } }],
  ])('reads %s', (_label, bytes, expected) => {
    expect(decodePayload(bytes)).toMatchObject(expected);
  });

  it('shows truncated gzip raw, with the reason', () => {
    const truncated = gzipSync('{"a":1}').subarray(0, 12);
    const decoded = decodePayload(truncated);
    expect(decoded).toMatchObject({
      encoding: 'binary',
      compression: null,
      error: expect.stringMatching(/^gzip data could not be inflated: /),
    });
    expect(decoded.bytes.equals(truncated)).toBe(true);
  });

  it('shows invalid UTF-8 that reads like text raw, with the reason', () => {
    expect(decodePayload(Buffer.concat([Buffer.from('hello wor'), Buffer.from([0xc3]), Buffer.from('ld, how are you')]))).toMatchObject({
      encoding: 'binary',
      error: 'not valid UTF-8, though it reads like text',
    });
  });

  it('keeps malformed JSON as text and says why', () => {
    expect(decodePayload(Buffer.from('{"unterminated": '))).toMatchObject({
      encoding: 'text',
      error: expect.stringMatching(/^looks like JSON but is not/),
    });
  });
});

describe('decodeRecord', () => {
  it('splits a KPL aggregate into its user records with their sub-sequence numbers', async () => {
    const [aggregate] = await aggregateUserRecords([
      { partitionKey: 'a', data: Buffer.from('{"i":0}') },
      { partitionKey: 'b', data: gzipSync('{"i":1}') },
      { partitionKey: 'c', data: Buffer.from('plain') },
    ]);
    const users = decodeRecord('shardId-1', record(aggregate!.data));
    expect(users.map((u) => [u.partitionKey, u.sequenceNumber, u.subSequenceNumber, u.encoding, u.compression, u.value])).toEqual([
      ['a', '4960', 0, 'json', null, { i: 0 }],
      ['b', '4960', 1, 'json', 'gzip', { i: 1 }],
      ['c', '4960', 2, 'text', null, 'plain'],
    ]);
  });

  it('shows a corrupt aggregate as one raw record, with the reason', async () => {
    const [aggregate] = await aggregateUserRecords([{ partitionKey: 'a', data: Buffer.from('x') }]);
    const broken = Buffer.from(aggregate!.data);
    broken.writeUInt8(broken.readUInt8(broken.length - 1) ^ 0xff, broken.length - 1);
    expect(decodeRecord('shardId-1', record(broken))).toEqual([
      expect.objectContaining({
        encoding: 'binary',
        subSequenceNumber: null,
        size: broken.length,
        error: 'corrupt KPL aggregate: Invalid record checksum',
      }),
    ]);
  });

  it('keeps a plain record whole', () => {
    expect(decodeRecord('shardId-7', record(Buffer.from('{"a":1}')))).toEqual([
      expect.objectContaining({
        shardId: 'shardId-7',
        sequenceNumber: '4960',
        subSequenceNumber: null,
        partitionKey: 'pk',
        arrivalTime: '2026-11-28T08:00:00.000Z',
        size: 7,
        encoding: 'json',
      }),
    ]);
  });
});

describe('a compression bomb', () => {
  it.each([
    ['gzip', gzipSync],
    ['zlib', deflateSync],
  ] as const)('%s inflating past 16 MiB stays raw, with the reason, without inflating it whole', (name, compress) => {
    const bomb = compress(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const decoded = decodePayload(bomb);
    expect(decoded).toMatchObject({
      compression: null,
      encoding: 'binary',
      error: `${name} data could not be inflated: it inflates to more than 16 MiB`,
    });
    expect(decoded.bytes).toBe(bomb);
  });
});
