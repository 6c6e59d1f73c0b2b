import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Shardscope's package.json, found from this file so any working directory works. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'shardscope') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Shardscope could not find its own package.json.');
    dir = parent;
  }
}

export function appVersion(): string {
  return JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).version;
}
