import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewsFileSchema, type SavedViewInput } from '../../shared/contract';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';

const COUNT = 12;
const statusOf = (n: number) => (n % 3 === 0 ? 'FAILED' : 'PAID');

const failed: SavedViewInput = {
  name: 'failed orders',
  note: 'what support asks for',
  connection: 'local',
  stream: 'orders',
  page: 'search',
  settings: { start: 'TRIM_HORIZON', filter: 'data.status == "FAILED"', limit: 100 },
};
const latePaid: SavedViewInput = {
  name: 'late paid',
  connection: 'local',
  stream: 'orders',
  page: 'preview',
  settings: { start: 'TRIM_HORIZON', filter: 'paid', expression: 'data.n > 5' },
};

describe('shardscope views, and search and tail --view', () => {
  let server: RunningKinesisServer;
  // One data folder for the file: the views saved by one run are read by the next.
  const home = mkdtempSync(path.join(tmpdir(), 'shardscope-views-'));
  const dir = mkdtempSync(path.join(tmpdir(), 'views-files-'));
  const cli = (...args: string[]) => runCli([...args, '--endpoint', server.endpoint], { env: { SHARDSCOPE_HOME: home } });
  const numbers = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { data: { n: number } }).data.n)
      .sort((a, b) => a - b);
  const file = (name: string, content: unknown) => {
    const where = path.join(dir, name);
    writeFileSync(where, JSON.stringify(content));
    return where;
  };

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    try {
      await createStream(client, 'orders', 2);
      await put(
        client,
        'orders',
        Array.from({ length: COUNT }, (_, n) => ({ key: `c${n % 4}`, data: JSON.stringify({ n, status: statusOf(n) }) })),
      );
    } finally {
      client.destroy();
    }
    const imported = await cli('views', 'import', file('views.json', { version: 1, views: [failed, latePaid] }));
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  });
  afterAll(() => server?.stop());

  it('lists the imported views, and search --view finds exactly what its expression matches', async () => {
    const listed = await cli('views', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout.replace(/\n$/, '').split('\n')).toEqual([
      'failed orders\tsearch\torders\twhat support asks for',
      'late paid\tpreview\torders\t',
    ]);
    const json = await cli('views', 'list', '--json');
    expect((JSON.parse(json.stdout) as { name: string }[]).map((view) => view.name)).toEqual(['failed orders', 'late paid']);

    const found = await cli('search', '--view', 'Failed Orders', '--json');
    expect(found.code).toBe(0);
    const expected = Array.from({ length: COUNT }, (_, n) => n).filter((n) => statusOf(n) === 'FAILED');
    expect(numbers(found.stdout)).toEqual(expected);
    expect(found.stderr).toContain('view failed orders: stream orders, from TRIM_HORIZON');

    // A flag given on the command line wins over the view's.
    const overridden = await cli('search', '--view', 'failed orders', '--where', 'data.n == 4', '--json');
    expect(numbers(overridden.stdout)).toEqual([4]);
  });

  it("tail --view applies a preview view's text filter and expression; search refuses the text filter", async () => {
    const tailed = await cli('tail', '--view', 'late paid', '--until', 'caught-up', '--json');
    expect(tailed.code).toBe(0);
    expect(numbers(tailed.stdout)).toEqual([7, 8, 10, 11]);

    const searched = await cli('search', '--view', 'late paid');
    expect(searched.code).toBe(2);
    expect(searched.stderr).toContain('filters on text');
  });

  it('exports named views to a file it will not overwrite, and removes a view', async () => {
    const out = path.join(dir, 'export.json');
    const exported = await cli('views', 'export', 'failed orders', '--out', out);
    expect(exported.code).toBe(0);
    const back = viewsFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(back.views.map((view) => view.name)).toEqual(['failed orders']);
    const again = await cli('views', 'export', '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(viewsFileSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).views).toHaveLength(1);

    const removed = await cli('views', 'remove', 'late paid');
    expect(removed.code).toBe(0);
    expect(removed.stdout.trim()).toBe('failed orders\tsearch\torders\twhat support asks for');
    expect((await cli('views', 'remove', 'late paid')).code).toBe(1);
    // Put back as it was, from the export, for the test after this one.
    expect((await cli('views', 'import', file('back.json', { version: 1, views: [latePaid] }))).code).toBe(0);
  });

  it('refuses a hostile views file whole, naming the field, and an unknown --view, with exit code 2', async () => {
    const big = await cli(
      'views',
      'import',
      file('big.json', { version: 1, views: [{ ...failed, name: 'big', note: 'n'.repeat(5_000) }] }),
    );
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('views.0.note');
    const extra = await cli(
      'views',
      'import',
      file('extra.json', { version: 1, views: [latePaid, { ...failed, name: 'x', records: ['r'] }] }),
    );
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/views\.1.*records/);
    const listed = await cli('views', 'list');
    expect(listed.stdout).not.toMatch(/^(big|x)\t/m);
    expect(listed.stdout.trim().split('\n')).toHaveLength(2);

    const unknown = await cli('search', '--view', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no view called nope');
  });
});
