import { Command } from 'commander';
import { SUMMARY_BATCH_LIMIT, type StreamSummary } from '../../../../shared/contract';
import { call, withCliApp } from '../cli-app';
import { note } from '../output';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { terminalJson, visible } from '../terminal-text';

export const streamsCommand = withConnectionFlags(
  new Command('streams')
    .description('list the streams of a connection')
    .option('--json', "print a JSON array with each stream's summary")
    .option('--filter <text>', 'only streams whose name contains this text (any case)'),
).action((opts: ConnectionFlags & { json?: boolean; filter?: string }) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const needle = opts.filter?.toLowerCase();
    const { streams: all } = await call(app, 'streams:names', {});
    const streams = needle ? all.filter((s) => s.name.toLowerCase().includes(needle)) : all;
    if (!opts.json) {
      // Said on stderr: an empty answer to a pipe stays empty, but a person sees why nothing printed.
      if (streams.length === 0)
        note(needle ? `No stream name contains "${visible(opts.filter!)}".` : 'This connection has no streams yet.');
      for (const stream of streams) console.log(visible(stream.name));
      return;
    }
    // Only the streams printed are described: a filter over thousands of streams stays quick.
    const described = new Map<string, StreamSummary>();
    for (let i = 0; i < streams.length; i += SUMMARY_BATCH_LIMIT) {
      const batch = await call(app, 'streams:summaries', { names: streams.slice(i, i + SUMMARY_BATCH_LIMIT).map((s) => s.name) });
      for (const summary of batch.summaries) described.set(summary.name, summary);
      for (const problem of batch.partialErrors) note(`warning: ${problem.name}: ${problem.message}`);
    }
    console.log(
      terminalJson(
        streams.map((s) => described.get(s.name) ?? s),
        2,
      ),
    );
  }),
);
