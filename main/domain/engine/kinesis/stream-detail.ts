import {
  DescribeStreamSummaryCommand,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListTagsForStreamCommand,
  type KinesisClient,
  type Shard as SdkShard,
} from '@aws-sdk/client-kinesis';
import type { ConsumerList, Shard, StreamDetail, TagList } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { onStream } from './missing-stream';
import { toStreamSummary } from './streams';

export async function describeStream(client: KinesisClient, name: string): Promise<StreamDetail> {
  const { StreamDescriptionSummary: summary } = await onStream(client, name, () =>
    client.send(new DescribeStreamSummaryCommand({ StreamName: name })),
  );
  if (!summary) throw new AppError('aws', `DescribeStreamSummary returned nothing for ${name}.`);
  const basic = toStreamSummary(name, summary);
  return {
    name,
    arn: summary.StreamARN ?? '',
    status: basic.status,
    mode: basic.mode ?? 'PROVISIONED',
    retentionHours: summary.RetentionPeriodHours ?? 24,
    encryption: { type: summary.EncryptionType ?? 'NONE', keyId: summary.KeyId ?? null },
    createdAt: summary.StreamCreationTimestamp?.toISOString() ?? null,
    enhancedMonitoring: (summary.EnhancedMonitoring ?? []).flatMap((m) => m.ShardLevelMetrics ?? []),
    openShards: summary.OpenShardCount ?? 0,
    consumerCount: summary.ConsumerCount ?? null,
  };
}

export function toShard(shard: SdkShard): Shard {
  const end = shard.SequenceNumberRange?.EndingSequenceNumber ?? null;
  return {
    shardId: shard.ShardId ?? '',
    parentShardId: shard.ParentShardId ?? null,
    adjacentParentShardId: shard.AdjacentParentShardId ?? null,
    hashKeyRange: { start: shard.HashKeyRange?.StartingHashKey ?? '0', end: shard.HashKeyRange?.EndingHashKey ?? '0' },
    sequenceNumberRange: { start: shard.SequenceNumberRange?.StartingSequenceNumber ?? '', end },
    // A closed shard has an ending sequence number; an open one does not.
    open: end === null,
  };
}

/** Every shard, open and closed, following ListShards pagination. */
export async function listShards(client: KinesisClient, name: string, signal?: AbortSignal): Promise<Shard[]> {
  const shards: Shard[] = [];
  let nextToken: string | undefined;
  do {
    // With a NextToken, Kinesis refuses the stream name: the token carries it.
    const token = nextToken;
    const page = await onStream(client, name, () =>
      client.send(new ListShardsCommand(token ? { NextToken: token } : { StreamName: name }), { abortSignal: signal }),
    );
    shards.push(...(page.Shards ?? []).map(toShard));
    nextToken = page.NextToken;
  } while (nextToken);
  return shards;
}

export async function listConsumers(client: KinesisClient, streamArn: string): Promise<ConsumerList> {
  const consumers: ConsumerList['consumers'] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStreamConsumersCommand({ StreamARN: streamArn, NextToken: nextToken }));
    for (const c of page.Consumers ?? []) {
      consumers.push({
        name: c.ConsumerName ?? '',
        arn: c.ConsumerARN ?? '',
        status: c.ConsumerStatus ?? 'UNKNOWN',
        createdAt: c.ConsumerCreationTimestamp?.toISOString() ?? null,
      });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return { consumers };
}

export async function listTags(client: KinesisClient, name: string): Promise<TagList> {
  const tags: TagList['tags'] = [];
  let exclusiveStart: string | undefined;
  for (;;) {
    const page = await client.send(new ListTagsForStreamCommand({ StreamName: name, ExclusiveStartTagKey: exclusiveStart }));
    const batch = page.Tags ?? [];
    tags.push(...batch.map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })));
    if (!page.HasMoreTags || batch.length === 0) return { tags };
    exclusiveStart = batch.at(-1)?.Key;
  }
}
