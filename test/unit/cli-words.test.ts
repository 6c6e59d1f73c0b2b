import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../main/core/app-error';
import { describeFileError } from '../../main/core/file-error';
import { closestNames } from '../../main/domain/engine/kinesis/missing-stream';
import { suggestionText } from '../../main/hosts/cli/remedy-text';
import { permissionVerdict } from '../../shared/permission-verdict';
import { countOf } from '../../shared/plural';

/** The error a real file system call fails with. */
const failureOf = (pending: Promise<unknown>) =>
  pending.then(
    () => expect.fail('the call succeeded'),
    (error: unknown) => error,
  );

describe('counts with their nouns', () => {
  it('says 1 shard, 0 records, 1,200 streams and its own plural where told', () => {
    expect(countOf(1, 'shard')).toBe('1 shard');
    expect(countOf(0, 'record')).toBe('0 records');
    expect(countOf(1200, 'stream')).toBe('1,200 streams');
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('file system failures in words', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shardscope-words-'));
  const file = path.join(dir, 'a-file');
  writeFileSync(file, 'x');

  it('names the path and what is wrong with it, never the code', async () => {
    const said = [
      describeFileError(await failureOf(readFile(path.join(dir, 'missing')))),
      describeFileError(await failureOf(mkdir(file))),
      describeFileError(await failureOf(writeFile(path.join(file, 'run.json'), ''))),
      describeFileError(await failureOf(readFile(dir)), dir),
    ];
    expect(said).toEqual([
      `${path.join(dir, 'missing')} does not exist.`,
      `${file} already exists.`,
      `${file} is a file, not a folder.`,
      `${dir} is a folder, not a file.`,
    ]);
    for (const code of ['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'EMFILE']) {
      const words = describeFileError(Object.assign(new Error(code), { code, path: file }))!;
      expect(words).toContain(file);
      expect(words).not.toMatch(/\bE[A-Z]{3,}\b/);
    }
  });

  it('leaves what is not a file failure to the caller, and the hosts get the words instead of an unexpected error', async () => {
    expect(describeFileError(new Error('boom'))).toBeNull();
    expect(describeFileError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBeNull();
    expect(toApiError(await failureOf(readFile(path.join(dir, 'gone'))))).toEqual({
      code: 'unavailable',
      message: `${path.join(dir, 'gone')} does not exist.`,
    });
  });
});

describe('the streams a mistyped name may have meant', () => {
  const names = ['orders', 'orders-dlq', 'clickstream', 'payments', 'Audit'];

  it('offers the closest names first, a few at most, and nothing far off', () => {
    expect(closestNames('ordrs', names)).toEqual(['orders']);
    expect(closestNames('orders-dl', names)).toEqual(['orders-dlq', 'orders']);
    expect(closestNames('audit', names)).toEqual(['Audit']);
    expect(closestNames('clikstream', names)).toEqual(['clickstream']);
    expect(closestNames('zzz', names)).toEqual([]);
    expect(closestNames('order', ['order1', 'order2', 'order3', 'order4'])).toHaveLength(3);
  });

  it('is worded by the CLI as a question', () => {
    expect(suggestionText(['orders'])).toBe('Did you mean orders?');
    expect(suggestionText(['orders', 'orders-dlq'])).toBe('Did you mean orders or orders-dlq?');
    expect(suggestionText([])).toBeNull();
  });
});

describe('the permission verdict', () => {
  const action = (status: 'granted' | 'missing' | 'unchecked', required = true) => ({
    action: `kinesis:${status}`,
    required,
    status,
    reason: null,
    neededFor: '',
  });

  it('says in one line whether the credentials can read the stream, counting the required actions missing', () => {
    expect(permissionVerdict({ stream: 'orders', actions: [action('granted'), action('missing', false)] })).toEqual({
      ready: true,
      text: 'These credentials can read orders.',
    });
    expect(permissionVerdict({ stream: 'orders', actions: [action('granted'), action('missing')] }).text).toBe(
      'These credentials cannot read orders yet: 1 required action is not granted.',
    );
    expect(permissionVerdict({ stream: 'orders', actions: [action('missing'), action('unchecked')] }).text).toBe(
      'These credentials cannot read orders yet: 2 required actions are not granted.',
    );
  });
});
