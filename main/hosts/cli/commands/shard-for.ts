import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { ShardFor } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { describeFileError } from '../../../core/file-error';
import { call, withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { note } from '../output';
import { terminalJson, visible } from '../terminal-text';

interface ShardForOptions extends ConnectionFlags {
  partitionKey?: string;
  explicitHashKey?: string;
  aggregate?: string;
  aggregateFile?: string;
  json?: boolean;
}

async function aggregateOf(opts: ShardForOptions): Promise<string | undefined> {
  if (opts.aggregate !== undefined) return opts.aggregate.trim();
  if (opts.aggregateFile === undefined) return undefined;
  try {
    return (await readFile(opts.aggregateFile)).toString('base64');
  } catch (error) {
    throw new AppError('invalid-input', `--aggregate-file: ${describeFileError(error, opts.aggregateFile) ?? (error as Error).message}`);
  }
}

/** Each user record's place, marked where it differs from the aggregate's. */
function userRecordLines(result: ShardFor): string[] {
  const { aggregate } = result;
  if (!aggregate) return [];
  const rows = aggregate.userRecords.map((r) => [
    `#${r.index}`,
    visible(r.partitionKey) + (r.explicitHashKey !== null ? ` (explicit hash key ${r.explicitHashKey})` : ''),
    r.shardId ?? 'no open shard',
    r.shardId === result.shardId ? '' : 'elsewhere',
  ]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  const cut = aggregate.total > rows.length ? `, the first ${rows.length} listed` : '';
  return [
    `${aggregate.total} user records, ${aggregate.elsewhere} of them would go to another shard put on their own${cut}:`,
    ...rows.map((row) =>
      `  ${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]!.padEnd(widths[2]!)}  ${row[3]}`.trimEnd(),
    ),
  ];
}

export const shardForCommand = withConnectionFlags(
  new Command('shard-for')
    .description(
      'print the open shard a record is written to, by its partition key or explicit hash key, and for a KPL aggregate where each user record would go',
    )
    .argument('<stream>', 'the stream name')
    .option('--partition-key <key>', 'the partition key')
    .option('--explicit-hash-key <n>', 'an explicit hash key, a whole number below 2^128; with --partition-key it routes the record')
    .addOption(new Option('--aggregate <base64>', "the record's bytes, base64, when it is a KPL aggregate").conflicts('aggregateFile'))
    .option('--aggregate-file <path>', 'a file holding the KPL aggregate record')
    .option('--json', 'print the answer as JSON'),
).action((stream: string, opts: ShardForOptions) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    if (opts.partitionKey === undefined && opts.explicitHashKey === undefined) {
      throw new AppError('invalid-input', 'Give --partition-key or --explicit-hash-key.');
    }
    const aggregate = await aggregateOf(opts);
    const result = await call(app, 'streams:shardFor', {
      name: stream,
      ...(opts.partitionKey !== undefined ? { partitionKey: opts.partitionKey } : {}),
      ...(opts.explicitHashKey !== undefined ? { explicitHashKey: opts.explicitHashKey } : {}),
      ...(aggregate !== undefined ? { aggregate } : {}),
    });
    if (opts.json) {
      console.log(terminalJson(result, 2));
      return;
    }
    if (!result.shardId) throw new AppError('not-found', result.reason ?? 'No open shard holds that key.');
    console.log(result.shardId);
    if (result.byPartitionKey && result.byPartitionKey.shardId !== result.shardId)
      note(`routed by the explicit hash key; the partition key alone would go to ${result.byPartitionKey.shardId ?? 'no open shard'}`);
    for (const line of userRecordLines(result)) console.log(line);
  }),
);
