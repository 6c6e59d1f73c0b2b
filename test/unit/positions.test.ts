import { describe, expect, it } from 'vitest';
import { parseMoment, parsePosition } from '../../shared/positions';

const now = new Date('2026-11-28T10:00:00.000Z');

describe('parsePosition', () => {
  it.each([
    ['TRIM_HORIZON', undefined, { type: 'TRIM_HORIZON' }],
    ['latest', undefined, { type: 'LATEST' }],
    ['AT_TIMESTAMP:-15m', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-28T09:45:00.000Z' }],
    ['AT_TIMESTAMP:2026-11-27T08:00:00+01:00', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-27T07:00:00.000Z' }],
    [
      'AFTER_SEQUENCE_NUMBER:4959',
      'shardId-000000000001',
      { type: 'AFTER_SEQUENCE_NUMBER', shardId: 'shardId-000000000001', sequenceNumber: '4959' },
    ],
  ])('%s', (text, shard, expected) => {
    expect(parsePosition(text, shard, now)).toEqual(expected);
  });

  it.each([
    ['AT_SEQUENCE_NUMBER:4959', undefined, /needs the shard/],
    ['AT_SEQUENCE_NUMBER:abc', 'shardId-1', /needs a sequence number/],
    ['AT_TIMESTAMP:yesterday', undefined, /ISO-8601 time or a relative one/],
    ['BEGINNING', undefined, /Unknown position/],
  ])('refuses %s', (text, shard, message) => {
    expect(() => parsePosition(text, shard, now)).toThrow(message);
  });
});

describe('parseMoment', () => {
  it('reads relative times in both spellings', () => {
    expect(parseMoment('15 minutes ago', now)?.toISOString()).toBe('2026-11-28T09:45:00.000Z');
    expect(parseMoment('-2h', now)?.toISOString()).toBe('2026-11-28T08:00:00.000Z');
    expect(parseMoment('1 day ago', now)?.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(parseMoment('soon', now)).toBeNull();
  });
});
