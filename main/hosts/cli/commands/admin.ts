import { Command, InvalidArgumentError, Option } from 'commander';
import { shardLevelMetrics, type StreamChangeInput } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { runChange, type ChangeFlags } from '../change-runner';
import { withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';

type Flags = ChangeFlags & ConnectionFlags;

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number above 0.');
  return n;
}

/** A stream change command: the connection flags, --dry-run, --yes and --json, and the change its arguments make. */
function changeCommand<A extends unknown[]>(
  command: Command,
  toChange: (...args: [...A, Flags & Record<string, unknown>]) => StreamChangeInput,
): Command {
  return withConnectionFlags(
    command
      .option('--dry-run', 'print what would change, and change nothing')
      .option('-y, --yes', 'change without asking for confirmation (required without a terminal)')
      .option('--json', 'print the result (or, with --dry-run, the plan) as JSON'),
  ).action((...args: unknown[]) => {
    const flags = args.at(-2) as Flags & Record<string, unknown>;
    const change = toChange(...(args.slice(0, -2) as A), flags);
    return withCliApp(cliConnection(flags, 'aws'), (app) => runChange(app, change, flags));
  });
}

export const createCommand = changeCommand<[string]>(
  new Command('create')
    .description('create a stream, provisioned with a shard count or on-demand')
    .argument('<stream>')
    .addOption(new Option('--shards <n>', 'provisioned with this many shards').argParser(wholeNumber).conflicts('onDemand'))
    .option('--on-demand', 'on-demand capacity'),
  (stream, flags) => {
    if (!flags.shards && !flags.onDemand) throw new AppError('invalid-input', 'Give --shards N or --on-demand.');
    return { type: 'create', stream, mode: flags.onDemand ? 'ON_DEMAND' : 'PROVISIONED', shards: (flags.shards as number) ?? null };
  },
);

export const deleteCommand = changeCommand<[string]>(
  new Command('delete')
    .description('delete a stream and its records (asks for its name on a terminal)')
    .argument('<stream>')
    .option('--force', 'delete although enhanced fan-out consumers are registered'),
  (stream, flags) => ({ type: 'delete', stream, force: Boolean(flags.force) }),
);

export const reshardCommand = changeCommand<[string]>(
  new Command('reshard')
    .description('change the number of open shards (UpdateShardCount, uniform; splits and merges where the endpoint has none)')
    .argument('<stream>')
    .requiredOption('--shards <n>', 'the open shards wanted', wholeNumber),
  (stream, flags) => ({ type: 'reshard', stream, shards: flags.shards as number }),
);

export const splitCommand = changeCommand<[string, string]>(
  new Command('split')
    .description('split an open shard at the middle of its range, at a hash key, or at a partition key’s hash')
    .argument('<stream>')
    .argument('<shard>')
    .addOption(new Option('--at-key <key>', 'split where this partition key hashes').conflicts('atHash'))
    .option('--at-hash <n>', 'split at this hash key'),
  (stream, shardId, flags) => ({
    type: 'split',
    stream,
    shardId,
    at: flags.atKey
      ? { type: 'key', partitionKey: flags.atKey as string }
      : flags.atHash
        ? { type: 'hash', hashKey: flags.atHash as string }
        : { type: 'middle' },
  }),
);

export const mergeCommand = changeCommand<[string, string, string]>(
  new Command('merge').description('merge two adjacent open shards').argument('<stream>').argument('<shard>').argument('<adjacent>'),
  (stream, shardId, adjacentShardId) => ({ type: 'merge', stream, shardId, adjacentShardId }),
);

export const retentionCommand = changeCommand<[string, string]>(
  new Command('retention').description('how long the stream keeps records: 24 to 8,760 hours').argument('<stream>').argument('<hours>'),
  (stream, hours) => ({ type: 'retention', stream, hours: Number(hours) }),
);

export const modeCommand = changeCommand<[string, string]>(
  new Command('mode').description('switch the capacity mode').argument('<stream>').argument('<mode>', 'provisioned or on-demand'),
  (stream, mode) => {
    if (mode !== 'provisioned' && mode !== 'on-demand') throw new AppError('invalid-input', 'The mode is provisioned or on-demand.');
    return { type: 'mode', stream, mode: mode === 'on-demand' ? 'ON_DEMAND' : 'PROVISIONED' };
  },
);

export const encryptionCommand = changeCommand<[string, string]>(
  new Command('encryption')
    .description('server-side encryption with a KMS key, on or off')
    .argument('<stream>')
    .argument('<state>', 'on or off')
    .option('--key <id>', 'the KMS key (ID, ARN or alias)', 'alias/aws/kinesis'),
  (stream, state, flags) => {
    if (state !== 'on' && state !== 'off') throw new AppError('invalid-input', 'Encryption is on or off.');
    return { type: 'encryption', stream, enabled: state === 'on', keyId: flags.key as string };
  },
);

export const monitoringCommand = changeCommand<[string, string[]]>(
  new Command('monitoring')
    .description(`the shard-level metrics to enable (the rest are disabled): ${shardLevelMetrics.join(', ')}, or none`)
    .argument('<stream>')
    .argument('<metrics...>'),
  (stream, metrics) => ({ type: 'monitoring', stream, metrics: (metrics.includes('none') ? [] : metrics) as never }),
);

export const tagCommand = changeCommand<[string, string[]]>(
  new Command('tag')
    .description('add or change tags (KEY=VALUE), and remove them (--remove KEY)')
    .argument('<stream>')
    .argument('[tags...]')
    .option('--remove <key...>', 'tag keys to remove'),
  (stream, tags, flags) => {
    const set: Record<string, string> = {};
    for (const tag of tags) {
      if (!tag.includes('=')) throw new AppError('invalid-input', `"${tag}" is not KEY=VALUE.`);
      set[tag.slice(0, tag.indexOf('='))] = tag.slice(tag.indexOf('=') + 1);
    }
    return { type: 'tags', stream, set, remove: (flags.remove as string[] | undefined) ?? [] };
  },
);

export const consumerCommand = changeCommand<[string, string, string]>(
  new Command('consumer')
    .description('register or deregister an enhanced fan-out consumer')
    .argument('<action>', 'register or deregister')
    .argument('<stream>')
    .argument('<name>'),
  (action, stream, name) => {
    if (action !== 'register' && action !== 'deregister') throw new AppError('invalid-input', 'The action is register or deregister.');
    return { type: 'consumer', stream, action, name };
  },
);

export const changeCommands = [
  createCommand,
  deleteCommand,
  reshardCommand,
  splitCommand,
  mergeCommand,
  retentionCommand,
  modeCommand,
  encryptionCommand,
  monitoringCommand,
  tagCommand,
  consumerCommand,
];
