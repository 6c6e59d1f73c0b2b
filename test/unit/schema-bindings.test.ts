import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaBindingStore, schemaBindingsPath } from '../../main/domain/connections/schema-bindings';
import { tempDataDir } from '../support/app';

describe('stream schema bindings in the data folder', () => {
  it('keeps every binding when two writers change the file at once', async () => {
    const dataDir = tempDataDir();
    const [first, second] = [new SchemaBindingStore(dataDir), new SchemaBindingStore(dataDir)];
    const streams = Array.from({ length: 8 }, (_, at) => `stream-${at}`);
    await Promise.all(
      streams.map((stream, at) =>
        (at % 2 ? first : second).change('endpoint|local|us-east-1|', stream, {
          stream,
          mode: 'auto',
          file: { path: `/schemas/${stream}.avsc` },
        }),
      ),
    );
    expect((await first.list('endpoint|local|us-east-1|')).map((binding) => binding.stream)).toEqual(streams);
    expect(await first.list('another connection')).toEqual([]);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('moves a file it cannot read aside rather than overwrite it', async () => {
    const dataDir = tempDataDir();
    writeFileSync(schemaBindingsPath(dataDir), '{"version": 1, "connections": {"c": [{"stream": "s", "mode": "raw-with-file"}]}}');
    const store = new SchemaBindingStore(dataDir);
    expect(await store.list('c')).toEqual([]);
    const aside = readdirSync(dataDir).find((name) => name.startsWith('schema-bindings.json.corrupt-'));
    expect(aside && readFileSync(join(dataDir, aside), 'utf8')).toMatch(/raw-with-file/);
  });
});
