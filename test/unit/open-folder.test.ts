import { chmodSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/contract/runs';
import type { ShardscopeApp } from '../../main/app/shardscope-app';
import { RunHistory } from '../../main/domain/runs/run-history';
import { openFolderWith } from '../../main/hosts/electron/open-folder';
import { recordingOwner, startTestApp, tempDataDir } from '../support/app';

/** Electron's shell as far as opening goes: it records what it was asked to open. */
function recordingShell() {
  const opened: string[] = [];
  return { opened, openPath: async (target: string) => (opened.push(target), '') };
}

const summary = (folder: string): RunSummary => ({
  folder,
  stream: 'orders',
  format: 'jsonl',
  startedAt: '2026-12-01T00:00:00.000Z',
  endedAt: '2026-12-01T00:01:00.000Z',
  records: 1,
  files: 1,
  rejects: 0,
  shards: 1,
  seconds: 60,
  outcome: 'completed',
  reason: null,
});

describe('runs:openFolder opens only a run folder from the history that is a directory', () => {
  const dataDir = tempDataDir();
  const place = tempDataDir();
  const runFolder = path.join(place, 'orders-run');
  const program = path.join(place, 'evil.sh');
  const replaced = path.join(place, 'was-a-folder');
  const elsewhere = path.join(place, 'not-a-run');
  const bundle = path.join(place, 'Installer.app');
  const emptied = path.join(place, 'emptied-run');
  const shell = recordingShell();
  let app: ShardscopeApp;

  beforeAll(async () => {
    mkdirSync(runFolder);
    writeFileSync(path.join(runFolder, 'run.json'), '{}');
    // A run pointed into a macOS application bundle: a folder the desktop launches when opened.
    mkdirSync(bundle);
    writeFileSync(path.join(bundle, 'run.json'), '{}');
    mkdirSync(emptied);
    mkdirSync(elsewhere);
    writeFileSync(program, '#!/bin/sh\necho ran\n');
    chmodSync(program, 0o755);
    mkdirSync(replaced);
    const history = new RunHistory(dataDir);
    for (const folder of [runFolder, program, replaced, bundle, emptied]) await history.add(summary(folder));
    // A run's folder that became a file after the run.
    rmSync(replaced, { recursive: true });
    writeFileSync(replaced, 'not a folder any more');
    app = await startTestApp({ dataDir, folders: { openFolder: openFolderWith(shell) } });
  });
  afterAll(async () => app?.stop());

  const open = (folder: string) => app.dispatch('runs:openFolder', { folder }, recordingOwner());

  it.each([
    ['a folder that is in no run of the history', () => elsewhere, 'invalid-input', /not the folder of a run in the history/],
    ['an executable file named in the history', () => program, 'invalid-input', /no longer a folder/],
    ['a history folder that is now a file', () => replaced, 'invalid-input', /no longer a folder/],
    ['a run folder inside an application bundle', () => bundle, 'invalid-input', /launch as a program/],
    ['a history folder that no longer holds a run', () => emptied, 'invalid-input', /no longer holds a run/],
    ['a history folder reached through ..', () => path.join(place, 'orders-run', '..', 'evil.sh'), 'invalid-input', /no longer a folder/],
  ])('refuses %s, and the shell is never asked', async (_, folder, code, message) => {
    expect(await open(folder())).toEqual({ ok: false, error: { code, message: expect.stringMatching(message) } });
    expect(shell.opened).toEqual([]);
  });

  it('opens a real run folder', async () => {
    expect(await open(runFolder)).toEqual({ ok: true, value: { opened: true } });
    expect(shell.opened).toEqual([realpathSync(runFolder)]);
  });
});

describe('the Electron host opening a folder (fake shell)', () => {
  it('never hands the shell a file, even asked directly', async () => {
    const shell = recordingShell();
    const file = path.join(tempDataDir(), 'run.sh');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    await expect(openFolderWith(shell)(file)).rejects.toThrow(/is not a folder/);
    await expect(openFolderWith(shell)(path.join(file, 'missing'))).rejects.toThrow(/is not a folder/);
    expect(shell.opened).toEqual([]);
  });

  it('passes on why the shell could not open a folder', async () => {
    const failing = { openPath: async () => 'Failed to open path' };
    await expect(openFolderWith(failing)(tempDataDir())).rejects.toThrow('Failed to open path');
  });
});
