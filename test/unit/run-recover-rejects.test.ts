import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, newManifest, REJECTS, saveManifest } from '../../main/domain/runs/manifest';
import { recover } from '../../main/domain/runs/folder-target';
import { runSpecSchema } from '../../shared/contract/runs';
import { tempDataDir } from '../support/app';

const line = (n: number) => `${JSON.stringify({ reason: 'the mapping gave nothing for this record', record: { data: { n } } })}\n`;
const lines = (count: number) => Array.from({ length: count }, (_, n) => line(n)).join('');

/** A run folder whose manifest vouches for `vouched` reject lines, and whose rejects.jsonl holds `onDisk`. */
async function folderWith(vouched: number, onDisk: string) {
  const folder = tempDataDir();
  const spec = runSpecSchema.parse({
    stream: 'orders',
    from: { type: 'TRIM_HORIZON' },
    until: { type: 'caught-up' },
    format: 'jsonl',
    folder,
  });
  const manifest = newManifest(spec);
  const rejectsBytes = Buffer.byteLength(lines(vouched));
  manifest.totals = { records: 40, bytes: 4_000, rejects: vouched, rejectsBytes, seen: 40 + vouched };
  await saveManifest(folder, manifest);
  writeFileSync(path.join(folder, REJECTS), onDisk);
  return { folder, manifest };
}

describe('recovering rejects.jsonl after a crash or a copy', () => {
  it('cuts what was appended after the last complete file back to the lines the manifest vouches for', async () => {
    const { folder, manifest } = await folderWith(3, `${lines(5)}{"reason":"half`);
    const recovered = await recover(folder, manifest);
    expect(readFileSync(path.join(folder, REJECTS), 'utf8')).toBe(lines(3));
    expect(recovered.totals).toEqual(manifest.totals);
  });

  it('keeps the whole lines of a file found shorter than recorded, never pads it, and makes the totals agree', async () => {
    const shortened = `${lines(2)}${line(2).slice(0, 17)}`;
    const { folder, manifest } = await folderWith(4, shortened);
    const recovered = await recover(folder, manifest);
    const text = readFileSync(path.join(folder, REJECTS), 'utf8');
    expect(text).not.toContain('\0');
    expect(text).toBe(lines(2));
    expect(recovered.totals).toEqual({ ...manifest.totals, rejects: 2, rejectsBytes: Buffer.byteLength(lines(2)), seen: 42 });
    // What is saved is what a resume reads.
    expect((await loadManifest(folder))!.totals).toEqual(recovered.totals);
  });

  it('cuts back to the last whole line when the recorded length ends inside a line', async () => {
    const { folder, manifest } = await folderWith(3, lines(5));
    const inside = { ...manifest, totals: { ...manifest.totals, rejectsBytes: manifest.totals.rejectsBytes - 5 } };
    const recovered = await recover(folder, inside);
    expect(readFileSync(path.join(folder, REJECTS), 'utf8')).toBe(lines(2));
    expect(recovered.totals).toMatchObject({ rejects: 2, rejectsBytes: Buffer.byteLength(lines(2)) });
  });
});
