import { describe, expect, it } from 'vitest';
import { parseMoment, parsePosition, parseReadEnd, PositionError, shardIdFrom } from '../../shared/positions';

const now = new Date('2026-11-28T10:00:00.000Z');
const seq = '49590338271490256608559692538361571095921575989136588898';

describe('parsePosition', () => {
  it.each([
    ['TRIM_HORIZON', undefined, { type: 'TRIM_HORIZON' }],
    ['trim_horizon', undefined, { type: 'TRIM_HORIZON' }],
    ['oldest', undefined, { type: 'TRIM_HORIZON' }],
    ['OLDEST', undefined, { type: 'TRIM_HORIZON' }],
    ['LATEST', undefined, { type: 'LATEST' }],
    ['latest', undefined, { type: 'LATEST' }],
    ['newest', undefined, { type: 'LATEST' }],
    [' newest ', undefined, { type: 'LATEST' }],
    ['AT_TIMESTAMP:-15m', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-28T09:45:00.000Z' }],
    ['at_timestamp:15m', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-28T09:45:00.000Z' }],
    ['-15m', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-28T09:45:00.000Z' }],
    ['15m', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-28T09:45:00.000Z' }],
    ['15 minutes ago', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-28T09:45:00.000Z' }],
    ['30s', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-28T09:59:30.000Z' }],
    ['-2h', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-28T08:00:00.000Z' }],
    ['1 day ago', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-27T10:00:00.000Z' }],
    ['AT_TIMESTAMP:2026-11-27T08:00:00+01:00', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-27T07:00:00.000Z' }],
    ['2026-11-27T08:00:00+01:00', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-27T07:00:00.000Z' }],
    ['2026-11-27T07:00:00Z', undefined, { type: 'AT_TIMESTAMP', timestamp: '2026-11-27T07:00:00.000Z' }],
    [
      `AT_SEQUENCE_NUMBER:${seq}`,
      'shardId-000000000001',
      { type: 'AT_SEQUENCE_NUMBER', shardId: 'shardId-000000000001', sequenceNumber: seq },
    ],
    [
      'after_sequence_number:4959',
      'shardId-000000000001',
      { type: 'AFTER_SEQUENCE_NUMBER', shardId: 'shardId-000000000001', sequenceNumber: '4959' },
    ],
  ])('%s', (text, shard, expected) => {
    expect(parsePosition(text, shard, now)).toEqual(expected);
  });

  it.each([
    ['AT_SEQUENCE_NUMBER:4959', undefined, 'needs-shard', /needs the shard the sequence number belongs to/],
    ['AFTER_SEQUENCE_NUMBER:', 'shardId-1', 'sequence-number', /needs a sequence number/],
    ['AT_SEQUENCE_NUMBER:abc', 'shardId-1', 'sequence-number', /needs a sequence number/],
    ['AT_TIMESTAMP:yesterday', undefined, 'unknown', /is not a position/],
    ['BEGINNING', undefined, 'unknown', /"BEGINNING" is not a position/],
    ['TRIM_HORIZON:5', undefined, 'unknown', /is not a position/],
    ['15', undefined, 'unknown', /is not a position/],
    ['', undefined, 'unknown', /is not a position/],
  ])('refuses %j', (text, shard, kind, message) => {
    let thrown: unknown;
    try {
      parsePosition(text, shard, now);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PositionError);
    expect((thrown as PositionError).kind).toBe(kind);
    expect((thrown as PositionError).message).toMatch(message);
  });
});

describe('parseReadEnd', () => {
  it.each([
    ['caught-up', { type: 'caught-up' }],
    ['CAUGHT-UP', { type: 'caught-up' }],
    ['-5m', { type: 'time', time: '2026-11-28T09:55:00.000Z' }],
    ['5 minutes ago', { type: 'time', time: '2026-11-28T09:55:00.000Z' }],
    ['2026-11-28T09:00:00Z', { type: 'time', time: '2026-11-28T09:00:00.000Z' }],
    ['AT_TIMESTAMP:2026-11-28T09:00:00Z', { type: 'time', time: '2026-11-28T09:00:00.000Z' }],
  ])('%s', (text, expected) => {
    expect(parseReadEnd(text, now)).toEqual(expected);
  });

  it.each(['forever', 'LATEST', 'follow', 'count:5', ''])('refuses %j', (text) => {
    expect(parseReadEnd(text, now)).toBeNull();
  });
});

describe('shardIdFrom', () => {
  it.each([
    ['12', 'shardId-000000000012'],
    ['0012', 'shardId-000000000012'],
    ['0', 'shardId-000000000000'],
    ['shardId-000000000003', 'shardId-000000000003'],
    [' shardId-000000000003 ', 'shardId-000000000003'],
    ['my-shard', 'my-shard'],
  ])('%s is %s', (text, expected) => {
    expect(shardIdFrom(text)).toBe(expected);
  });
});

describe('parseMoment', () => {
  it('reads relative times in both spellings', () => {
    expect(parseMoment('15 minutes ago', now)?.toISOString()).toBe('2026-11-28T09:45:00.000Z');
    expect(parseMoment('-2h', now)?.toISOString()).toBe('2026-11-28T08:00:00.000Z');
    expect(parseMoment('1 day ago', now)?.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(parseMoment('soon', now)).toBeNull();
    expect(parseMoment('2026-13-45T00:00:00Z', now)).toBeNull();
  });
});
