import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ChangePlan, Shard, StreamChange, StreamDetail } from '../../../shared/contract';
import { awsCliCommand, type CliTarget } from '../../../shared/aws-cli';
import { AppError } from '../../core/app-error';
import { describeStream, listShards } from '../engine/kinesis/stream-detail';
import { afterMerge, afterSplit, openRanges, splitPoint, uniformRanges, type KeyRange } from './shard-plan';
import { countOf } from '../../../shared/plural';

const text = (ranges: readonly KeyRange[]) => ranges.map((r) => ({ start: r.start.toString(), end: r.end.toString() }));
const hours = (openShards: number) => openShards * 24;

/** What the stream is now, where the change needs it: nothing for a create, its detail and shards otherwise. */
async function current(client: KinesisClient, change: StreamChange): Promise<{ detail: StreamDetail; shards: Shard[] } | null> {
  if (change.type === 'create') return null;
  const [detail, shards] = await Promise.all([describeStream(client, change.stream), listShards(client, change.stream)]);
  return { detail, shards };
}

/**
 * A change shown before it is made: the settings before and after, the shard map after (for
 * resharding), the shard-hours it costs, the limits it meets, what stops it, the calls it takes
 * and the AWS CLI commands that would do the same.
 */
export async function planChange(client: KinesisClient, change: StreamChange, cli: CliTarget): Promise<ChangePlan> {
  const now = await current(client, change);
  const plan: ChangePlan = {
    summary: '',
    settings: [],
    shardsBefore: null,
    shardsAfter: null,
    shardHoursPerDay: null,
    limits: [],
    blockers: [],
    steps: [],
    awsCli: [],
  };
  const aws = (operation: string, args: Record<string, string | string[] | true>) =>
    plan.awsCli.push(awsCliCommand(operation, { 'stream-name': change.stream, ...args }, cli));
  const open = now ? openRanges(now.shards) : [];
  const withShards = (after: KeyRange[]) => {
    plan.shardsBefore = open.map((r) => ({ shardId: r.shardId, start: r.start.toString(), end: r.end.toString() }));
    plan.shardsAfter = text(after);
    if (now?.detail.mode !== 'ON_DEMAND') plan.shardHoursPerDay = { before: hours(open.length), after: hours(after.length) };
  };
  const provisionedOnly = () => {
    if (now?.detail.mode === 'ON_DEMAND')
      plan.blockers.push(`${change.stream} is on-demand: Kinesis manages its shards. Switch it to provisioned first.`);
  };
  if (now && now.detail.status !== 'ACTIVE' && change.type !== 'delete')
    plan.blockers.push(`${change.stream} is ${now.detail.status}: a change can be made once it is ACTIVE again.`);

  switch (change.type) {
    case 'create': {
      const shards = change.mode === 'PROVISIONED' ? (change.shards ?? 1) : null;
      plan.summary = `Create ${change.stream}, ${shards ? `provisioned with ${countOf(shards, 'shard')}` : 'on-demand'}.`;
      plan.settings.push({ name: 'capacity', before: '—', after: shards ? countOf(shards, 'shard') : 'on-demand' });
      if (shards) {
        plan.shardsAfter = text(uniformRanges(shards));
        plan.shardHoursPerDay = { before: 0, after: hours(shards) };
      }
      plan.steps.push('CreateStream');
      aws('create-stream', shards ? { 'shard-count': String(shards) } : { 'stream-mode-details': 'StreamMode=ON_DEMAND' });
      break;
    }
    case 'delete': {
      plan.summary = `Delete ${change.stream} and every record in it.`;
      plan.settings.push({
        name: 'stream',
        before: `${now!.detail.status}, ${countOf(now!.detail.openShards, 'open shard')}`,
        after: 'deleted',
      });
      if (now!.detail.mode !== 'ON_DEMAND') plan.shardHoursPerDay = { before: hours(now!.detail.openShards), after: 0 };
      const consumers = now!.detail.consumerCount ?? 0;
      if (consumers > 0 && !change.force)
        plan.blockers.push(
          `${change.stream} has ${countOf(consumers, 'enhanced fan-out consumer')}: deregister them, or force the delete.`,
        );
      plan.limits.push('Deleting cannot be undone: the records are gone, and a stream of the same name starts empty.');
      plan.steps.push(`DeleteStream${change.force ? ' (EnforceConsumerDeletion)' : ''}`);
      aws('delete-stream', change.force ? { 'enforce-consumer-deletion': true } : {});
      break;
    }
    case 'reshard': {
      provisionedOnly();
      const from = open.length;
      plan.summary = `Change ${change.stream} from ${from} to ${change.shards} open shards (uniform).`;
      plan.settings.push({ name: 'open shards', before: String(from), after: String(change.shards) });
      withShards(uniformRanges(change.shards));
      if (change.shards > from * 2 || change.shards * 2 < from)
        plan.blockers.push(
          `UpdateShardCount goes at most to double or half the open shards (${Math.ceil(from / 2)} to ${from * 2} from ${from}): reshard in steps.`,
        );
      if (change.shards === from) plan.blockers.push(`${change.stream} already has ${from} open shards.`);
      plan.limits.push(
        'AWS allows a limited number of scalings per stream in a rolling 24 hours (LimitExceededException past it).',
        'Closed parent shards keep their records until retention ends; readers finish a parent before its children.',
      );
      plan.steps.push(
        `UpdateShardCount to ${change.shards} (UNIFORM_SCALING); where the endpoint has none, the same map by splits and merges`,
      );
      aws('update-shard-count', { 'target-shard-count': String(change.shards), 'scaling-type': 'UNIFORM_SCALING' });
      break;
    }
    case 'split': {
      provisionedOnly();
      const shard = open.find((r) => r.shardId === change.shardId);
      if (!shard) throw new AppError('not-found', `${change.shardId} is not an open shard of ${change.stream}.`);
      let at: bigint;
      try {
        at = splitPoint(shard, change.at);
      } catch (error) {
        throw new AppError('invalid-input', (error as Error).message);
      }
      plan.summary = `Split ${change.shardId} of ${change.stream} at hash key ${at}.`;
      plan.settings.push({ name: 'open shards', before: String(open.length), after: String(open.length + 1) });
      withShards(afterSplit(open, change.shardId, at));
      plan.steps.push(`SplitShard ${change.shardId} at ${at}`);
      aws('split-shard', { 'shard-to-split': change.shardId, 'new-starting-hash-key': at.toString() });
      break;
    }
    case 'merge': {
      provisionedOnly();
      let after: KeyRange[];
      try {
        after = afterMerge(open, change.shardId, change.adjacentShardId);
      } catch (error) {
        throw new AppError('invalid-input', (error as Error).message);
      }
      plan.summary = `Merge ${change.shardId} and ${change.adjacentShardId} of ${change.stream}.`;
      plan.settings.push({ name: 'open shards', before: String(open.length), after: String(open.length - 1) });
      withShards(after);
      plan.steps.push(`MergeShards ${change.shardId} + ${change.adjacentShardId}`);
      aws('merge-shards', { 'shard-to-merge': change.shardId, 'adjacent-shard-to-merge': change.adjacentShardId });
      break;
    }
    case 'retention': {
      const before = now!.detail.retentionHours;
      plan.summary = `Keep records of ${change.stream} for ${change.hours} hours instead of ${before}.`;
      plan.settings.push({ name: 'retention', before: `${before} h`, after: `${change.hours} h` });
      if (change.hours === before) plan.blockers.push(`${change.stream} already keeps records ${before} hours.`);
      if (change.hours > 24)
        plan.limits.push('Retention past 24 hours is billed per shard-hour, and past 7 days (168 h) per GB-month of data kept.');
      if (change.hours < before) plan.limits.push(`Records older than ${change.hours} hours become unreadable at once.`);
      const operation = change.hours > before ? 'increase-stream-retention-period' : 'decrease-stream-retention-period';
      plan.steps.push(change.hours > before ? 'IncreaseStreamRetentionPeriod' : 'DecreaseStreamRetentionPeriod');
      aws(operation, { 'retention-period-hours': String(change.hours) });
      break;
    }
    case 'mode': {
      plan.summary = `Switch ${change.stream} to ${change.mode === 'ON_DEMAND' ? 'on-demand' : 'provisioned'} capacity.`;
      plan.settings.push({ name: 'capacity mode', before: now!.detail.mode, after: change.mode });
      if (change.mode === now!.detail.mode) plan.blockers.push(`${change.stream} is already ${change.mode}.`);
      plan.limits.push('The capacity mode can be switched twice in a rolling 24 hours.');
      plan.steps.push('UpdateStreamMode');
      plan.awsCli.push(
        awsCliCommand('update-stream-mode', { 'stream-arn': now!.detail.arn, 'stream-mode-details': `StreamMode=${change.mode}` }, cli),
      );
      break;
    }
    case 'encryption': {
      const before = now!.detail.encryption.type === 'KMS' ? `KMS (${now!.detail.encryption.keyId})` : 'none';
      plan.summary = change.enabled
        ? `Encrypt ${change.stream} at rest with the KMS key ${change.keyId}.`
        : `Stop encrypting new records of ${change.stream}.`;
      plan.settings.push({ name: 'server-side encryption', before, after: change.enabled ? `KMS (${change.keyId})` : 'none' });
      plan.limits.push('Records already written keep the encryption they were written with; readers need kms:Decrypt on the key.');
      plan.steps.push(change.enabled ? 'StartStreamEncryption' : 'StopStreamEncryption');
      aws(change.enabled ? 'start-stream-encryption' : 'stop-stream-encryption', {
        'encryption-type': 'KMS',
        // Starting names the key asked for; stopping names the key the stream uses now.
        'key-id': change.enabled ? change.keyId : (now!.detail.encryption.keyId ?? change.keyId),
      });
      break;
    }
    case 'monitoring': {
      const before = now!.detail.enhancedMonitoring.filter((m) => m !== 'ALL');
      const enable = change.metrics.filter((m) => !before.includes(m));
      const disable = before.filter((m) => !(change.metrics as string[]).includes(m));
      plan.summary = `Shard-level metrics of ${change.stream}: ${change.metrics.length ? change.metrics.join(', ') : 'none'}.`;
      plan.settings.push({ name: 'enhanced monitoring', before: before.join(', ') || 'none', after: change.metrics.join(', ') || 'none' });
      plan.limits.push('Shard-level metrics are billed as CloudWatch custom metrics, per shard.');
      if (enable.length) {
        plan.steps.push(`EnableEnhancedMonitoring ${enable.join(' ')}`);
        aws('enable-enhanced-monitoring', { 'shard-level-metrics': enable });
      }
      if (disable.length) {
        plan.steps.push(`DisableEnhancedMonitoring ${disable.join(' ')}`);
        aws('disable-enhanced-monitoring', { 'shard-level-metrics': disable });
      }
      if (!enable.length && !disable.length) plan.blockers.push('Those are already the metrics enabled.');
      break;
    }
    case 'tags': {
      const keys = Object.keys(change.set);
      plan.summary = `Tags of ${change.stream}: ${[...keys.map((k) => `set ${k}`), ...change.remove.map((k) => `remove ${k}`)].join(', ')}.`;
      for (const key of keys) plan.settings.push({ name: `tag ${key}`, before: '', after: change.set[key]! });
      for (const key of change.remove) plan.settings.push({ name: `tag ${key}`, before: '(set)', after: '(removed)' });
      if (!keys.length && !change.remove.length) plan.blockers.push('No tag to set or remove.');
      if (keys.length) {
        plan.steps.push('AddTagsToStream');
        aws('add-tags-to-stream', { tags: keys.map((k) => `${k}=${change.set[k]}`).join(',') });
      }
      if (change.remove.length) {
        plan.steps.push('RemoveTagsFromStream');
        aws('remove-tags-from-stream', { 'tag-keys': change.remove });
      }
      break;
    }
    case 'consumer': {
      plan.summary = `${change.action === 'register' ? 'Register' : 'Deregister'} the enhanced fan-out consumer ${change.name} on ${change.stream}.`;
      plan.settings.push({
        name: `consumer ${change.name}`,
        before: change.action === 'register' ? '—' : 'registered',
        after: change.action === 'register' ? 'registered' : '—',
      });
      plan.limits.push(
        change.action === 'register'
          ? 'A consumer gets its own 2 MiB/s per shard, billed per consumer-shard-hour and per GB read; a stream takes at most 20.'
          : 'Its subscriptions end; an application reading through it stops.',
      );
      plan.steps.push(change.action === 'register' ? 'RegisterStreamConsumer' : 'DeregisterStreamConsumer');
      plan.awsCli.push(
        awsCliCommand(`${change.action}-stream-consumer`, { 'stream-arn': now!.detail.arn, 'consumer-name': change.name }, cli),
      );
      break;
    }
  }
  return plan;
}
