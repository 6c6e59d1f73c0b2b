import { Command } from 'commander';
import { buildLineage, keySpaceShare } from '../../../../shared/lineage';
import { call, withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { terminalJson } from '../terminal-text';

export const describeCommand = withConnectionFlags(
  new Command('describe')
    .description('show a stream: its summary and every shard with its lineage')
    .argument('<stream>', 'the stream name')
    .option('--json', 'print the summary and shards as JSON'),
).action((stream: string, opts: ConnectionFlags & { json?: boolean }) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const [detail, { shards }] = await Promise.all([
      call(app, 'streams:describe', { name: stream }),
      call(app, 'streams:shards', { name: stream }),
    ]);
    if (opts.json) {
      console.log(terminalJson({ ...detail, shards }, 2));
      return;
    }
    const closed = shards.filter((s) => !s.open).length;
    console.log(`${detail.name}  ${detail.status}  ${detail.mode === 'ON_DEMAND' ? 'on-demand' : 'provisioned'}`);
    console.log(`arn:        ${detail.arn}`);
    console.log(`retention:  ${detail.retentionHours} h`);
    console.log(`encryption: ${detail.encryption.type}${detail.encryption.keyId ? ` (${detail.encryption.keyId})` : ''}`);
    console.log(`created:    ${detail.createdAt ?? 'unknown'}`);
    console.log(`shards:     ${detail.openShards} open, ${closed} closed`);
    console.log('');
    for (const row of buildLineage(shards)) {
      const indent = '  '.repeat(row.depth);
      if (row.kind === 'merged-into') {
        console.log(`${indent}-> merged into ${row.into}`);
        continue;
      }
      const { shard } = row;
      const notes = [row.mergedWith && `merged with ${row.mergedWith}`, row.expiredParent && `parent ${row.expiredParent} expired`].filter(
        Boolean,
      );
      console.log(
        `${indent}${shard.shardId}  ${shard.open ? 'open  ' : 'closed'}  ${keySpaceShare(shard.hashKeyRange.start, shard.hashKeyRange.end)}% of keys${notes.length ? `  (${notes.join(', ')})` : ''}`,
      );
    }
  }),
);
