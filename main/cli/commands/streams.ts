import { Command } from 'commander';
import { startShardscopeApp } from '../../app/shardscope-app';
import { AppError } from '../../dispatch/app-error';
import type { StreamList } from '../../../shared/contract';
import { cliTarget, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { appVersion } from '../project';

export const streamsCommand = withConnectionFlags(
  new Command('streams').description('list the streams of a connection').option('--json', 'print a JSON array with each stream\'s summary'),
).action(async (opts: ConnectionFlags & { json?: boolean }) => {
  // The CLI goes through the same dispatcher as the UI, so both see the same answers and errors.
  const app = await startShardscopeApp({ host: 'test', version: appVersion(), target: cliTarget(opts, 'aws'), sandbox: { demo: true } });
  try {
    const result = await app.dispatch('streams:list', {});
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    const { streams, partialErrors } = result.value as StreamList;
    if (opts.json) console.log(JSON.stringify(streams, null, 2));
    else for (const stream of streams) console.log(stream.name);
    for (const problem of partialErrors) console.error(`warning: ${problem.name}: ${problem.message}`);
  } finally {
    await app.stop();
  }
});
