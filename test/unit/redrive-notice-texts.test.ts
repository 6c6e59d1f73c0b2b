import { describe, expect, it } from 'vitest';
import { calls } from '../../shared/contract';
import { MAX_NOTICE_TEXT } from '../../shared/contract/redrive';
import { MAX_CLIENT_FRAME_BYTES } from '../../shared/ws-protocol';
import { parseNoticeTexts } from '../../main/domain/redrive/notice-texts';
import { invocationRecord } from '../support/invocation-records';

const notice = (start: string, end: string) =>
  invocationRecord({ stream: 'orders', shardId: 'shardId-000000000000', start, end, batchSize: 2 });

describe('failure notices given as text (files picked in a browser)', () => {
  it('parses each file as a file on disk is, naming a bad notice by its file and line', () => {
    const { notices, problems } = parseNoticeTexts([
      { name: 'a.jsonl', text: `${JSON.stringify(notice('1', '2'))}\n{ nope\n` },
      { name: 'b.json', text: JSON.stringify([notice('5', '6'), { KinesisBatchInfo: {} }]) },
    ]);
    expect(notices.map((n) => [n.source, n.start, n.end])).toEqual([
      ['a.jsonl:1', '1', '2'],
      ['b.json[0]', '5', '6'],
    ]);
    expect(problems.map((p) => p.source)).toEqual(['a.jsonl:2', 'b.json[1]']);
  });

  it('takes the notices as a path or as text, never both or neither, and bounds the text', () => {
    const input = calls['redrive:find'].input;
    const texts = [{ name: 'a.json', text: JSON.stringify(notice('1', '2')) }];
    expect(input.safeParse({ texts }).success).toBe(true);
    expect(input.safeParse({ from: '/tmp/a.json' }).success).toBe(true);
    expect(input.safeParse({}).success).toBe(false);
    expect(input.safeParse({ from: '/tmp/a.json', texts }).success).toBe(false);
    const half = 'x'.repeat(MAX_NOTICE_TEXT / 2 + 1);
    const tooMuch = calls['redrive:planCopy'].input.safeParse({
      texts: [
        { name: 'a', text: half },
        { name: 'b', text: half },
      ],
      target: 'orders',
    });
    expect(tooMuch.success).toBe(false);
  });

  it('the most notice text a call may carry, escaped at worst, fits the browser host frame', () => {
    const input = { texts: [{ name: '\u0001'.repeat(256), text: '\u0001'.repeat(MAX_NOTICE_TEXT) }], wholeRecords: false };
    expect(calls['redrive:find'].input.safeParse(input).success).toBe(true);
    const frame = Buffer.byteLength(JSON.stringify({ type: 'call', id: Number.MAX_SAFE_INTEGER, channel: 'redrive:find', input }));
    expect(frame).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
  });
});
