import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startShardscopeApp, type ShardscopeApp, type ShardscopeAppOptions } from '../../main/app/shardscope-app';

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'shardscope-home-'));
}

/** The real app core, with its own empty data folder so no test sees a user's profiles. */
export function startTestApp(options: Partial<ShardscopeAppOptions> = {}): Promise<ShardscopeApp> {
  return startShardscopeApp({ host: 'test', version: '0.0.0-test', dataDir: tempDataDir(), ...options });
}
