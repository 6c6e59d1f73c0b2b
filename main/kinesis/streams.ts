import {
  DescribeStreamSummaryCommand,
  ListStreamsCommand,
  type KinesisClient,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import type { StreamList, StreamSummary } from '../../shared/contract';
import { streamStatuses } from '../../shared/contract';
import { toApiError } from '../dispatch/app-error';
import { mapWithConcurrency } from './concurrency';

/** Every stream name, following ListStreams pagination to the end. */
export async function listStreamNames(client: KinesisClient): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  let exclusiveStart: string | undefined;
  for (;;) {
    // NextToken is the modern cursor; endpoints without it (kinesalite) page by start name.
    const page = await client.send(
      new ListStreamsCommand(nextToken ? { NextToken: nextToken } : { ExclusiveStartStreamName: exclusiveStart }),
    );
    const pageNames = page.StreamNames ?? [];
    names.push(...pageNames);
    if (!page.HasMoreStreams || pageNames.length === 0) return names;
    nextToken = page.NextToken;
    exclusiveStart = pageNames.at(-1);
  }
}

export function toStreamSummary(name: string, summary: StreamDescriptionSummary | undefined): StreamSummary {
  const status = summary?.StreamStatus;
  return {
    name,
    status: status && (streamStatuses as readonly string[]).includes(status) ? (status as StreamSummary['status']) : 'UNKNOWN',
    mode: summary?.StreamModeDetails?.StreamMode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED',
    openShards: summary?.OpenShardCount ?? null,
    retentionHours: summary?.RetentionPeriodHours ?? null,
  };
}

/** Names plus each stream's summary; a stream whose summary fails is still listed, with the reason. */
export async function listStreams(client: KinesisClient, options: { concurrency?: number } = {}): Promise<StreamList> {
  const names = await listStreamNames(client);
  const partialErrors: StreamList['partialErrors'] = [];
  const streams = await mapWithConcurrency(names, options.concurrency ?? 8, async (name) => {
    try {
      const result = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      return toStreamSummary(name, result.StreamDescriptionSummary);
    } catch (error) {
      partialErrors.push({ name, message: toApiError(error).message });
      return toStreamSummary(name, undefined);
    }
  });
  return { streams, partialErrors };
}
