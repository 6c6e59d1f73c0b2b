import { Command, Option } from 'commander';
import { AppError } from '../../../core/app-error';
import { call, withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';

export const shardForCommand = withConnectionFlags(
  new Command('shard-for')
    .description('print the open shard a partition key (or explicit hash key) is written to')
    .argument('<stream>', 'the stream name')
    .addOption(new Option('--partition-key <key>', 'the partition key').conflicts('explicitHashKey'))
    .option('--explicit-hash-key <n>', 'an explicit hash key, a whole number below 2^128'),
).action((stream: string, opts: ConnectionFlags & { partitionKey?: string; explicitHashKey?: string }) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    if (opts.partitionKey === undefined && opts.explicitHashKey === undefined) {
      throw new AppError('invalid-input', 'Give --partition-key or --explicit-hash-key.');
    }
    const result = await call(app, 'streams:shardFor', {
      name: stream,
      ...(opts.partitionKey !== undefined ? { partitionKey: opts.partitionKey } : { explicitHashKey: opts.explicitHashKey }),
    });
    if (!result.shardId) throw new AppError('not-found', result.reason ?? 'No open shard holds that key.');
    console.log(result.shardId);
  }),
);
