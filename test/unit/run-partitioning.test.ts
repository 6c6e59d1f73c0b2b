import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePartitionBy } from '../../main/hosts/cli/parse';
import { FolderTarget } from '../../main/domain/runs/folder-target';
import { MANIFEST, newManifest } from '../../main/domain/runs/manifest';
import { DEFAULT_PARTITION, escapePathName, partitionerOf } from '../../main/domain/runs/partitioning';
import type { RecordJson } from '../../shared/record-json';
import { runSpecSchema } from '../../shared/contract/runs';
import { tempDataDir } from '../support/app';

const record = (data: unknown, arrivalTime = '2026-12-06T10:59:59.999Z'): RecordJson =>
  ({
    shardId: 'shardId-0',
    sequenceNumber: '1',
    partitionKey: 'k',
    arrivalTime,
    size: 1,
    compression: null,
    encoding: 'json',
    data,
  }) as RecordJson;

describe('Hive-style partitions of a run', () => {
  it('files by arrival hour or day in UTC, whatever the local time zone says', () => {
    const hour = partitionerOf({ type: 'arrival', unit: 'hour' })!;
    expect(hour(record({}, '2026-12-06T23:30:00+02:00'))).toEqual({ partition: 'dt=2026-12-06/hour=21' });
    expect(hour(record({}, '2026-12-31T23:59:59.999Z'))).toEqual({ partition: 'dt=2026-12-31/hour=23' });
    expect(partitionerOf({ type: 'arrival', unit: 'day' })!(record({}, '2027-01-01T00:00:00Z'))).toEqual({ partition: 'dt=2027-01-01' });
  });

  it('escapes a field value as Hive does and sends missing, null and empty values to the default partition', () => {
    const byRegion = partitionerOf({ type: 'field', field: 'region' })!;
    expect(byRegion(record({ region: 'eu/west=1?#%' }))).toEqual({ partition: 'region=eu%2Fwest%3D1%3F%23%25' });
    expect(byRegion(record({ region: '..' }))).toEqual({ partition: 'region=..' });
    expect(byRegion(record({ region: 7 }))).toEqual({ partition: 'region=7' });
    for (const data of [{}, { region: null }, { region: '' }, 'a text record'])
      expect(byRegion(record(data))).toEqual({ partition: `region=${DEFAULT_PARTITION}` });
    expect(escapePathName('tab\there, ünïcode')).toBe('tab%09here, ünïcode');
  });

  it('refuses a value too long to name a folder, saying which field', () => {
    const placement = partitionerOf({ type: 'field', field: 'id' })!(record({ id: 'é'.repeat(200) }));
    expect(placement).toMatchObject({ refused: expect.stringContaining('its id (') });
  });

  it('takes arrival:hour, arrival:day or one field name, and refuses paths', () => {
    expect(parsePartitionBy('arrival:hour')).toEqual({ type: 'arrival', unit: 'hour' });
    expect(parsePartitionBy('region')).toEqual({ type: 'field', field: 'region' });
    expect(() => parsePartitionBy('arrival:minute')).toThrow('arrival:hour or arrival:day');
    for (const bad of ['a/b', '..', 'a\\b']) expect(() => parsePartitionBy(bad)).toThrow('one top-level field name');
    const spec = { stream: 's', from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', folder: '/tmp/x' };
    expect(runSpecSchema.safeParse({ ...spec, partitionBy: { type: 'field', field: '../etc' } }).success).toBe(false);
  });
});

describe('settling a partitioned unit a crash left pending', () => {
  const spec = runSpecSchema.parse({
    stream: 's',
    from: { type: 'TRIM_HORIZON' },
    until: { type: 'caught-up' },
    format: 'jsonl',
    folder: '/tmp/x',
  });
  const unit = (folder: string) => {
    const manifest = newManifest({ ...spec, folder });
    const totals = { records: 3, bytes: 30, rejects: 0, rejectsBytes: 0, seen: 3 };
    const files = [
      { temp: '.part-00000.jsonl', name: 'region=eu/part-00000.jsonl', records: 2, bytes: 20 },
      { temp: '.part-00001.jsonl', name: 'region=us/part-00001.jsonl', records: 1, bytes: 10 },
    ];
    return {
      ...manifest,
      pending: { files, shards: { 'shardId-0': { sequenceNumber: '3', subSequenceNumber: null, state: 'reading' as const } }, totals },
    };
  };
  const put = (folder: string, name: string) => {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), 'x\n');
  };

  it('commits the unit when every part was published, numbering on past all of them', async () => {
    const folder = tempDataDir();
    for (const name of ['region=eu/part-00000.jsonl', 'region=us/part-00001.jsonl']) put(folder, name);
    const recovered = await new FolderTarget(folder).recover(unit(folder));
    expect(recovered).toMatchObject({ pending: null, nextPart: 2, totals: { records: 3 } });
    expect(recovered.files.map((f) => f.name)).toEqual(['region=eu/part-00000.jsonl', 'region=us/part-00001.jsonl']);
  });

  it('takes back the published parts when one was not, so the unit is read again and counted once', async () => {
    const folder = tempDataDir();
    put(folder, 'region=eu/part-00000.jsonl');
    put(folder, '.part-00001.jsonl');
    const recovered = await new FolderTarget(folder).recover(unit(folder));
    expect(recovered).toMatchObject({ pending: null, nextPart: 0, files: [], totals: { records: 0 } });
    expect(() => readFileSync(path.join(folder, 'region=eu/part-00000.jsonl'))).toThrow(/ENOENT/);
    expect(() => readFileSync(path.join(folder, '.part-00001.jsonl'))).toThrow(/ENOENT/);
  });

  it('still reads a run.json whose pending names its one part at the top, as runs made before wrote it', async () => {
    const folder = tempDataDir();
    const old = {
      ...newManifest({ ...spec, folder }),
      pending: {
        temp: '.part-00000.jsonl',
        name: 'part-00000.jsonl',
        records: 4,
        bytes: 40,
        shards: {},
        totals: { records: 4, bytes: 40, rejects: 0, rejectsBytes: 0, seen: 4 },
      },
    };
    writeFileSync(path.join(folder, MANIFEST), JSON.stringify(old));
    put(folder, 'part-00000.jsonl');
    const target = new FolderTarget(folder);
    const recovered = await target.recover((await target.loadManifest())!);
    expect(recovered).toMatchObject({ pending: null, nextPart: 1, files: [{ name: 'part-00000.jsonl', records: 4 }] });
  });

  it('starting over takes away the parts in their partition folders and the folders left empty, and nothing else', async () => {
    const folder = tempDataDir();
    const ours = ['region=eu/part-00000.jsonl', 'region=us/part-00001.jsonl', 'region=us/part-00002.jsonl'];
    for (const name of [...ours, 'region=us/notes.txt']) put(folder, name);
    const target = new FolderTarget(folder);
    const manifest = { ...newManifest({ ...spec, folder }), files: ours.map((name) => ({ name, records: 1, bytes: 2 })) };
    await target.saveManifest(manifest);
    await target.removeRun(manifest);
    expect(readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()).toEqual(['region=us', 'region=us/notes.txt']);
  });
});
