import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DeleteStreamCommand,
  DeregisterStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  DisableEnhancedMonitoringCommand,
  EnableEnhancedMonitoringCommand,
  IncreaseStreamRetentionPeriodCommand,
  MergeShardsCommand,
  RegisterStreamConsumerCommand,
  RemoveTagsFromStreamCommand,
  SplitShardCommand,
  StartStreamEncryptionCommand,
  StopStreamEncryptionCommand,
  UpdateShardCountCommand,
  UpdateStreamModeCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { StreamChange } from '../../../shared/contract';
import { classifyAwsError } from '../../aws/errors';
import { AppError } from '../../core/app-error';
import { describeStream, listShards } from '../engine/kinesis/stream-detail';
import { nextReshardStep, openRanges, splitPoint } from './shard-plan';

/** Waits until the stream is ACTIVE again (or, after a delete, gone), polling its summary. */
export async function waitUntilSettled(client: KinesisClient, stream: string, gone = false, timeoutMs = 10 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
      if (!gone && StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    } catch (error) {
      if (gone && classifyAwsError(error).failure === 'not-found') return;
      throw error;
    }
    if (Date.now() > deadline)
      throw new AppError('unavailable', `${stream} did not become ${gone ? 'gone' : 'ACTIVE'} within ${timeoutMs / 60_000} minutes.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The reshard an endpoint without UpdateShardCount (kinesalite) gets: the same uniform map, made
 * by splitting where a target boundary falls inside a shard and merging neighbours across a
 * boundary that is not one, each step once the stream is ACTIVE again.
 */
async function reshardBySteps(client: KinesisClient, stream: string, count: number, onStep: (step: string) => void): Promise<string[]> {
  const steps: string[] = [];
  for (;;) {
    const step = nextReshardStep(openRanges(await listShards(client, stream)), count);
    if (!step) return steps;
    if (step.type === 'split') {
      await client.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: step.shardId, NewStartingHashKey: step.at.toString() }));
      steps.push(`SplitShard ${step.shardId} at ${step.at}`);
    } else {
      await client.send(
        new MergeShardsCommand({ StreamName: stream, ShardToMerge: step.shardId, AdjacentShardToMerge: step.adjacentShardId }),
      );
      steps.push(`MergeShards ${step.shardId} + ${step.adjacentShardId}`);
    }
    onStep(steps.at(-1)!);
    await waitUntilSettled(client, stream);
  }
}

/** Makes the change (already planned and confirmed) and waits until the stream is ACTIVE again; gives back the calls made. */
export async function applyChange(
  client: KinesisClient,
  change: StreamChange,
  onStep: (step: string) => void = () => {},
): Promise<string[]> {
  const StreamName = change.stream;
  const send = async (name: string, command: object) => {
    await client.send(command as never);
    onStep(name);
    return [name];
  };
  let steps: string[];
  switch (change.type) {
    case 'create':
      steps = await send(
        'CreateStream',
        new CreateStreamCommand({
          StreamName,
          ...(change.mode === 'PROVISIONED' ? { ShardCount: change.shards ?? 1 } : {}),
          StreamModeDetails: { StreamMode: change.mode },
        }),
      );
      break;
    case 'delete':
      steps = await send('DeleteStream', new DeleteStreamCommand({ StreamName, EnforceConsumerDeletion: change.force }));
      await waitUntilSettled(client, StreamName, true);
      return steps;
    case 'reshard':
      try {
        steps = await send(
          'UpdateShardCount',
          new UpdateShardCountCommand({ StreamName, TargetShardCount: change.shards, ScalingType: 'UNIFORM_SCALING' }),
        );
      } catch (error) {
        if (classifyAwsError(error).failure !== 'unsupported') throw error;
        const note = 'This endpoint has no UpdateShardCount: the same uniform shard map, made with splits and merges.';
        onStep(note);
        steps = [note, ...(await reshardBySteps(client, StreamName, change.shards, onStep))];
      }
      break;
    case 'split': {
      const shard = openRanges(await listShards(client, StreamName)).find((r) => r.shardId === change.shardId);
      if (!shard) throw new AppError('not-found', `${change.shardId} is not an open shard of ${StreamName}.`);
      const at = splitPoint(shard, change.at);
      steps = await send(
        `SplitShard ${change.shardId} at ${at}`,
        new SplitShardCommand({ StreamName, ShardToSplit: change.shardId, NewStartingHashKey: at.toString() }),
      );
      break;
    }
    case 'merge':
      steps = await send(
        `MergeShards ${change.shardId} + ${change.adjacentShardId}`,
        new MergeShardsCommand({ StreamName, ShardToMerge: change.shardId, AdjacentShardToMerge: change.adjacentShardId }),
      );
      break;
    case 'retention': {
      const { retentionHours } = await describeStream(client, StreamName);
      steps =
        change.hours > retentionHours
          ? await send(
              'IncreaseStreamRetentionPeriod',
              new IncreaseStreamRetentionPeriodCommand({ StreamName, RetentionPeriodHours: change.hours }),
            )
          : await send(
              'DecreaseStreamRetentionPeriod',
              new DecreaseStreamRetentionPeriodCommand({ StreamName, RetentionPeriodHours: change.hours }),
            );
      break;
    }
    case 'mode': {
      const { arn } = await describeStream(client, StreamName);
      steps = await send(
        'UpdateStreamMode',
        new UpdateStreamModeCommand({ StreamARN: arn, StreamModeDetails: { StreamMode: change.mode } }),
      );
      break;
    }
    case 'encryption':
      steps = change.enabled
        ? await send('StartStreamEncryption', new StartStreamEncryptionCommand({ StreamName, EncryptionType: 'KMS', KeyId: change.keyId }))
        : await send(
            'StopStreamEncryption',
            new StopStreamEncryptionCommand({
              StreamName,
              EncryptionType: 'KMS',
              KeyId: (await describeStream(client, StreamName)).encryption.keyId ?? change.keyId,
            }),
          );
      break;
    case 'monitoring': {
      const before = (await describeStream(client, StreamName)).enhancedMonitoring.filter((m) => m !== 'ALL');
      const enable = change.metrics.filter((m) => !before.includes(m));
      const disable = before.filter((m) => !(change.metrics as string[]).includes(m));
      steps = [];
      if (enable.length)
        steps.push(
          ...(await send('EnableEnhancedMonitoring', new EnableEnhancedMonitoringCommand({ StreamName, ShardLevelMetrics: enable }))),
        );
      // The stream is UPDATING after the first call, and would refuse the second until it is ACTIVE.
      if (enable.length && disable.length) await waitUntilSettled(client, StreamName);
      if (disable.length)
        steps.push(
          ...(await send(
            'DisableEnhancedMonitoring',
            new DisableEnhancedMonitoringCommand({ StreamName, ShardLevelMetrics: disable as never }),
          )),
        );
      break;
    }
    case 'tags':
      steps = [];
      if (Object.keys(change.set).length)
        steps.push(...(await send('AddTagsToStream', new AddTagsToStreamCommand({ StreamName, Tags: change.set }))));
      if (Object.keys(change.set).length && change.remove.length) await waitUntilSettled(client, StreamName);
      if (change.remove.length)
        steps.push(...(await send('RemoveTagsFromStream', new RemoveTagsFromStreamCommand({ StreamName, TagKeys: change.remove }))));
      break;
    case 'consumer': {
      const { arn } = await describeStream(client, StreamName);
      steps =
        change.action === 'register'
          ? await send('RegisterStreamConsumer', new RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: change.name }))
          : await send('DeregisterStreamConsumer', new DeregisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: change.name }));
      break;
    }
  }
  await waitUntilSettled(client, StreamName);
  return steps;
}
