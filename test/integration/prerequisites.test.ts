import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, linkSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const PREREQUISITES = path.resolve('scripts/prerequisites.sh');
/** Besides node and the packages' commands, what the scripts themselves call. */
const SCRIPT_TOOLS = ['bash', 'id', 'sed', 'dirname'];
/** Every package's command but chromium's and aws's, as on a machine that has only some of them. */
const SOME_PACKAGE_TOOLS = ['gnome-keyring-daemon', 'dbus-run-session', 'dbus-launch', 'secret-tool'];

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function onPath(name: string): string {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder; try the next
    }
  }
  throw new Error(`${name} is not on PATH, and npm test checks for it before this runs`);
}

/** A folder for PATH holding only the tools named, and `node` as the binary given. */
function pathWith(node: string, tools: string[]): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'shardscope-prerequisites-'));
  folders.push(folder);
  chmodSync(folder, 0o755);
  for (const tool of tools) symlinkSync(onPath(tool), path.join(folder, tool));
  // A link rather than a symlink: the test's own Node may sit in a folder only root can enter.
  try {
    linkSync(node, path.join(folder, 'node'));
  } catch {
    copyFileSync(node, path.join(folder, 'node'));
  }
  return folder;
}

/**
 * Runs the check as a user who may not install: nobody when this runs as root, else by the
 * script's own switch (a developer may have sudo without a password). `asRoot` keeps root with
 * the switch, for tools that live where nobody cannot reach them (an AWS CLI under /root).
 */
function checkAsUser(folder: string, { asRoot = false, script = PREREQUISITES } = {}) {
  const asNobody = !asRoot && process.getuid?.() === 0;
  const env = { PATH: folder, HOME: folder, ...(asNobody ? {} : { SHARDSCOPE_ASSUME_NO_ROOT: '1' }) };
  const [command, args] = asNobody
    ? [onPath('setpriv'), ['--reuid=65534', '--regid=65534', '--clear-groups', '/bin/bash', script]]
    : ['/bin/bash', [script]];
  return spawnSync(command, args, { cwd: folder, env, encoding: 'utf8' });
}

/**
 * A Node older than 22: the system's own where it is one (Debian's and Ubuntu's nodejs are, and
 * this machine's is). Where the only Node is new enough, a script answering --version as Node 20
 * does stands in, since the version is all the check asks of it.
 */
function olderNode(): { binary: string; version: string } {
  for (const candidate of ['/usr/bin/node', '/usr/bin/nodejs', '/usr/local/bin/node']) {
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (version && Number(/^v(\d+)\./.exec(version)?.[1]) < 22) return { binary: candidate, version };
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'shardscope-old-node-'));
  folders.push(folder);
  chmodSync(folder, 0o755);
  const binary = path.join(folder, 'node');
  writeFileSync(binary, '#!/bin/sh\necho v20.0.0\n', { mode: 0o755 });
  return { binary, version: 'v20.0.0' };
}

describe('the prerequisites npm test checks before anything else', () => {
  it('stops with the one apt-get line for the packages missing, when it may not install them', () => {
    const result = checkAsUser(pathWith(process.execPath, [...SCRIPT_TOOLS, ...SOME_PACKAGE_TOOLS]));
    expect(result.stderr.split('\n')).toEqual([
      'npm test needs packages this machine lacks: chromium awscli. Install them with:',
      'sudo apt-get install -y chromium awscli',
      'and run npm test again.',
      '',
    ]);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
  });

  it('is the first thing npm test does: nothing is built when a package is missing', () => {
    const result = checkAsUser(pathWith(process.execPath, [...SCRIPT_TOOLS, ...SOME_PACKAGE_TOOLS]), {
      script: path.resolve('scripts/test.sh'),
    });
    expect(result.stderr).toContain('\nsudo apt-get install -y chromium awscli\n');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
  });

  it('passes, and installs nothing, when every package is there', () => {
    const result = checkAsUser(pathWith(process.execPath, [...SCRIPT_TOOLS, ...SOME_PACKAGE_TOOLS, 'chromium', 'aws']), { asRoot: true });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, '', '']);
  });

  it('names the Node it found and the one to install, before it looks at packages', () => {
    const old = olderNode();
    const folder = pathWith(old.binary, SCRIPT_TOOLS);
    const result = checkAsUser(folder);
    expect(result.stderr.split('\n')).toEqual([
      `npm test needs Node 22 or newer, but the node on PATH (${path.join(folder, 'node')}) is ${old.version}.`,
      'Install Node 22 (https://nodejs.org/en/download), put it first on PATH, and run npm install and npm test again.',
      '',
    ]);
    expect(result.status).toBe(1);
  });
});
