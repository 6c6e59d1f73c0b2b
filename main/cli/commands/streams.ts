import { Command } from 'commander';
import { call, withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';

export const streamsCommand = withConnectionFlags(
  new Command('streams').description('list the streams of a connection').option('--json', "print a JSON array with each stream's summary"),
).action((opts: ConnectionFlags & { json?: boolean }) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const { streams, partialErrors } = await call(app, 'streams:list', {});
    if (opts.json) console.log(JSON.stringify(streams, null, 2));
    else for (const stream of streams) console.log(stream.name);
    for (const problem of partialErrors) console.error(`warning: ${problem.name}: ${problem.message}`);
  }),
);
