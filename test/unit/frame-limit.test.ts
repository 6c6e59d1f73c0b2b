import { describe, expect, it } from 'vitest';
import { calls, type CallName } from '../../shared/contract';
import { MAX_LEASE_KEY_LENGTH, MAX_MOVE_LEASES, MAX_RAW_CHECKPOINT_LENGTH } from '../../shared/contract/consumers';
import { MAX_PUT_TEXT } from '../../shared/contract/writes';
import { MAX_CLIENT_FRAME_BYTES } from '../../shared/ws-protocol';

/** A control character: JSON writes it as six bytes (`\u0001`), the most any character costs. */
const worst = (length: number) => '\u0001'.repeat(length);

/** The frame a tab sends for a call, checked to be a call the contract accepts. */
function frameOf(channel: CallName, input: unknown): number {
  const parsed = calls[channel].input.safeParse(input);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 2))).toBe(true);
  return Buffer.byteLength(JSON.stringify({ type: 'call', id: Number.MAX_SAFE_INTEGER, channel, input }));
}

describe("the browser host's frame limit fits the largest valid call", () => {
  const token = 'A'.repeat(43);

  it('a put of the longest record text, every character escaped', () => {
    const input = { stream: 'a'.repeat(128), data: worst(MAX_PUT_TEXT), encoding: 'text', partitionKey: worst(256), token };
    expect(frameOf('writes:put', input)).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
  });

  it('a checkpoint move naming the most leases, with the longest keys and checkpoint texts', () => {
    const expected = Array.from({ length: MAX_MOVE_LEASES }, () => ({
      leaseKey: worst(MAX_LEASE_KEY_LENGTH),
      leaseCounter: -Number.MAX_SAFE_INTEGER,
      to: { type: 'unknown', raw: worst(MAX_RAW_CHECKPOINT_LENGTH) },
    }));
    const input = {
      stream: 'a'.repeat(128),
      table: 't'.repeat(255),
      shardId: worst(128),
      to: { type: 'AT_TIMESTAMP', timestamp: '2026-12-06T06:00:00.000+00:00' },
      quietSeconds: 3_600,
      expected,
      token,
    };
    expect(frameOf('consumers:move', input)).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
  });
});
