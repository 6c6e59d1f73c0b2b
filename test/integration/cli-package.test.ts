import { execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/app';

/**
 * The package as a user gets it: `npm pack`, installed globally into a fresh prefix (from npm's
 * cache, which `npm ci` filled), then run as `shardscope` with no tsx and no source beside it.
 */
describe('the packed CLI, installed globally in a fresh folder', () => {
  const prefix = tempDataDir();
  const bin = path.join(prefix, 'bin', 'shardscope');
  const env = { ...process.env, SHARDSCOPE_HOME: tempDataDir(), PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` };

  beforeAll(() => {
    const packs = tempDataDir();
    execFileSync('npm', ['pack', '--pack-destination', packs, '--silent'], {
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const tarball = path.join(
      packs,
      readdirSync(packs).find((name) => name.endsWith('.tgz'))!,
    );
    execFileSync(
      'npm',
      ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
      { stdio: 'pipe', cwd: prefix },
    );
  }, 240_000);

  it('answers --version and --help', () => {
    const version = execFileSync(bin, ['--version'], { env, cwd: prefix }).toString().trim();
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const help = execFileSync(bin, ['--help'], { env, cwd: prefix }).toString();
    for (const command of ['sandbox', 'serve', 'streams', 'tail', 'ingest', 'search', 'completion']) expect(help).toContain(command);
  });

  it('runs the sandbox, lists its streams from another shell, and reads its demo consumers (SDK clients loaded when first used)', async () => {
    const sandbox = spawn(bin, ['sandbox', '--port', '0'], { env, cwd: prefix });
    try {
      const [endpoint, dynamodb] = await new Promise<[string, string]>((resolve, reject) => {
        let out = '';
        sandbox.stdout.on('data', (chunk) => {
          out += chunk;
          const kinesis = /^endpoint: (\S+)$/m.exec(out);
          const tables = /^dynamodb endpoint: (\S+)/m.exec(out);
          if (kinesis && tables) resolve([kinesis[1]!, tables[1]!]);
        });
        sandbox.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
      });
      const streams = execFileSync(bin, ['streams', '--endpoint', endpoint], { env, cwd: prefix }).toString();
      expect(streams.trim().split('\n')).toEqual(['clickstream', 'mixed-encodings', 'orders', 'payments', 'telemetry']);
      const consumers = JSON.parse(
        execFileSync(bin, ['consumers', 'orders', '--endpoint', endpoint, '--dynamodb-endpoint', dynamodb, '--json'], {
          env,
          cwd: prefix,
        }).toString(),
      );
      expect(consumers.applications.map((a: { table: string }) => a.table)).toEqual(['orders-audit', 'orders-fulfilment']);
    } finally {
      sandbox.kill('SIGINT');
      await new Promise((resolve) => sandbox.once('exit', resolve));
    }
  });
});
