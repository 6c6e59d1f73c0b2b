import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { PerConnectionFile } from '../../main/domain/connections/per-connection-file';

const fileIn = () => path.join(mkdtempSync(path.join(tmpdir(), 'per-connection-')), 'items.json');
const store = (file: string) => new PerConnectionFile(file, z.object({ name: z.string() }), 30, 'items cannot be read');
const SCOPE = 'profile|dev|eu-west-1|';

describe('a list per connection in one data file', () => {
  it('starts empty, keeps each scope apart, and leaves no entry for an emptied scope', async () => {
    const file = fileIn();
    const items = store(file);
    expect(await items.list(SCOPE)).toEqual([]);
    await items.change(SCOPE, (existing) => [...existing, { name: 'a' }]);
    await items.change('sandbox|Local sandbox|us-east-1|', () => [{ name: 'b' }]);
    expect(await items.list(SCOPE)).toEqual([{ name: 'a' }]);
    await items.change(SCOPE, () => []);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      connections: { 'sandbox|Local sandbox|us-east-1|': [{ name: 'b' }] },
    });
  });

  it('loses none of many changes made at once', async () => {
    const items = store(fileIn());
    await Promise.all(Array.from({ length: 8 }, (_, at) => items.change(SCOPE, (existing) => [...existing, { name: `n${at}` }])));
    expect((await items.list(SCOPE)).map((item) => item.name).sort()).toEqual(Array.from({ length: 8 }, (_, at) => `n${at}`).sort());
  });

  it.each([
    ['not JSON', '{"version": 1, "connections": '],
    ['of another shape', '{"version": 2, "connections": {}}'],
    ['over its bounds', JSON.stringify({ version: 1, connections: { [SCOPE]: Array.from({ length: 31 }, () => ({ name: 'x' })) } })],
  ])('refuses a file %s, saying why it matters, and never writes over it', async (_case, text) => {
    const file = fileIn();
    writeFileSync(file, text);
    const items = store(file);
    const damaged = `${file} is damaged: fix it or remove it (items cannot be read).`;
    await expect(items.list(SCOPE)).rejects.toThrow(damaged);
    await expect(items.change(SCOPE, () => [{ name: 'new' }])).rejects.toThrow(damaged);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses a change its edit refuses, and keeps the file as it was', async () => {
    const file = fileIn();
    const items = store(file);
    await items.change(SCOPE, () => [{ name: 'kept' }]);
    const before = readFileSync(file, 'utf8');
    await expect(
      items.change(SCOPE, () => {
        throw new Error('no such item');
      }),
    ).rejects.toThrow('no such item');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
