import { InvalidArgumentError } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../main/core/app-error';
import { collectShards, parseDuration, parseFrom, parsePositive, parseRunEnd, parseUntil } from '../../main/hosts/cli/parse';

describe('parseFrom', () => {
  it('takes the one shard a sequence number belongs to from --shard', () => {
    expect(parseFrom('AT_SEQUENCE_NUMBER:42', ['shardId-000000000001'])).toEqual({
      type: 'AT_SEQUENCE_NUMBER',
      shardId: 'shardId-000000000001',
      sequenceNumber: '42',
    });
  });

  it('asks for --shard when a sequence number comes with none, or with several', () => {
    for (const shards of [undefined, ['shardId-000000000001', 'shardId-000000000002']])
      expect(() => parseFrom('AFTER_SEQUENCE_NUMBER:42', shards)).toThrow(/needs the shard .* Name it with --shard\./);
  });

  it('lists every accepted form with an example when it cannot read one', () => {
    let thrown: unknown;
    try {
      parseFrom('yesterday', undefined);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('invalid-input');
    const message = (thrown as AppError).message;
    expect(message).toMatch(/^--from: "yesterday" is not a position\. It takes one of:/);
    for (const example of [
      'oldest',
      'newest',
      '2026-03-01T12:00:00Z',
      '-15m',
      '"15 minutes ago"',
      'AT_SEQUENCE_NUMBER:',
      'AFTER_SEQUENCE_NUMBER:',
    ])
      expect(message).toContain(example);
  });
});

describe('parseUntil and parseRunEnd', () => {
  it('read caught-up and times alike', () => {
    expect(parseUntil('caught-up')).toEqual({ type: 'caught-up' });
    expect(parseUntil('2026-11-28T09:00:00Z')).toEqual({ type: 'time', time: '2026-11-28T09:00:00.000Z' });
    expect(parseRunEnd('2026-11-28T09:00:00Z')).toEqual({ type: 'time', time: '2026-11-28T09:00:00.000Z' });
    // A held clock, so "ago" is checked to the millisecond rather than within a margin.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-28T09:00:00Z') });
    try {
      expect(parseUntil('5 minutes ago')).toEqual({ type: 'time', time: '2026-11-28T08:55:00.000Z' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('ingest alone also follows or counts', () => {
    expect(parseRunEnd('follow')).toEqual({ type: 'follow' });
    expect(parseRunEnd('count:50')).toEqual({ type: 'count', count: 50 });
    expect(() => parseUntil('follow')).toThrow(InvalidArgumentError);
    expect(() => parseUntil('count:50')).toThrow(InvalidArgumentError);
  });

  it('lists the accepted ends with an example of each', () => {
    expect(() => parseUntil('forever')).toThrow(
      /"forever" is not an end\. --until takes one of:\n {2}caught-up .*\n {2}2026-03-01T13:00:00Z .*\n {2}-5m /,
    );
    expect(() => parseRunEnd('forever')).toThrow(/follow .*\n {2}count:1000 /);
  });
});

describe('collectShards', () => {
  it('gathers repeated flags and comma lists, with short ids expanded and none twice', () => {
    let shards = collectShards('0,12', undefined);
    shards = collectShards('shardId-000000000003', shards);
    shards = collectShards(' 12 ', shards);
    expect(shards).toEqual(['shardId-000000000000', 'shardId-000000000012', 'shardId-000000000003']);
  });

  it('refuses an empty list', () => {
    expect(() => collectShards(' , ', undefined)).toThrow(InvalidArgumentError);
  });
});

describe('durations and counts', () => {
  it.each([
    ['500ms', 500],
    ['1s', 1_000],
    ['1.5m', 90_000],
    ['2h', 7_200_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('refuses what is not one', () => {
    expect(() => parseDuration('5')).toThrow(/a duration looks like/);
    expect(() => parseDuration('50ms')).toThrow(/shortest interval/);
    expect(() => parsePositive('0')).toThrow(/positive/);
    expect(parsePositive('3')).toBe(3);
  });
});
