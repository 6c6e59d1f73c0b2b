import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { AppError } from '../../../core/app-error';
import { startBrowserHost } from '../../browser/browser-host';
import { startCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { projectRoot } from '../project';
import { untilInterrupted } from '../run';
import { parsePort } from '../parse';
import { nobody } from '../../../core/sessions/session-owner';

export const serveCommand = withConnectionFlags(
  new Command('serve')
    .description('serve the Shardscope UI to a browser on this machine (127.0.0.1 only)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 0)
    .option('--static <dir>', 'the built renderer to serve (default: dist/renderer)'),
).action(async (opts: ConnectionFlags & { port: number; static?: string }) => {
  const staticDir = opts.static ?? path.join(projectRoot(), 'dist', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new AppError('unavailable', `No built UI in ${staticDir}: run \`npm run build\` first (or use \`npm run serve\`, which does).`);
  }
  const app = await startCliApp(cliConnection(opts, 'saved-or-sandbox'), 'browser');
  const host = await startBrowserHost({ app, staticDir, port: opts.port }).catch(async (error: unknown) => {
    await app.stop();
    throw error;
  });
  console.log(`Shardscope is at ${host.url}`);
  const active = app.connections.active(nobody);
  console.log(`Connection: ${active.label} (${active.endpoint ?? `AWS ${active.region}`})`);
  console.log('Press Ctrl+C to stop.');
  await untilInterrupted();
  await host.close();
  await app.stop();
});
