import {
  DescribeStreamSummaryCommand,
  ListStreamsCommand,
  type KinesisClient,
  type StreamDescriptionSummary,
  type StreamSummary as SdkStreamSummary,
} from '@aws-sdk/client-kinesis';
import type { StreamNamesPage, StreamSummaries, StreamSummary } from '../../../../shared/contract';
import { streamStatuses } from '../../../../shared/contract';
import { toApiError } from '../../../core/app-error';
import { mapWithConcurrency } from './concurrency';
import { classifyAwsError } from '../../../aws/errors';

const PAGE_SIZE = 1000;

function statusOf(status: string | undefined): StreamSummary['status'] {
  return status && (streamStatuses as readonly string[]).includes(status) ? (status as StreamSummary['status']) : 'UNKNOWN';
}

/**
 * Every stream, following ListStreams to the end. Endpoints that return StreamSummaries give
 * status and mode for free; the rest (kinesalite, kinesis-mock) give names only.
 */
export async function listStreamNames(client: KinesisClient): Promise<StreamNamesPage> {
  const streams: StreamSummary[] = [];
  let nextToken: string | undefined;
  let exclusiveStart: string | undefined;
  let summarised = true;
  for (;;) {
    // NextToken is the modern cursor; endpoints without it page by the last name seen.
    const page = await client.send(
      new ListStreamsCommand(nextToken ? { NextToken: nextToken } : { Limit: PAGE_SIZE, ExclusiveStartStreamName: exclusiveStart }),
    );
    const names = page.StreamNames ?? [];
    const summaries = new Map((page.StreamSummaries ?? []).map((s: SdkStreamSummary) => [s.StreamName, s]));
    if (summaries.size < names.length) summarised = false;
    for (const name of names) {
      const summary = summaries.get(name);
      streams.push({
        name,
        status: statusOf(summary?.StreamStatus),
        mode: summary ? (summary.StreamModeDetails?.StreamMode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED') : null,
        openShards: null,
        retentionHours: null,
      });
    }
    if (!page.HasMoreStreams || names.length === 0) break;
    nextToken = page.NextToken;
    exclusiveStart = names.at(-1);
  }
  // Shard counts and retention come only from DescribeStreamSummary, so details are never complete here.
  return { streams, detailsComplete: streams.length === 0 && summarised };
}

export function toStreamSummary(name: string, summary: StreamDescriptionSummary): StreamSummary {
  return {
    name,
    status: statusOf(summary.StreamStatus),
    // Endpoints older than on-demand capacity leave the mode out: they only have provisioned streams.
    mode: summary.StreamModeDetails?.StreamMode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED',
    openShards: summary.OpenShardCount ?? null,
    retentionHours: summary.RetentionPeriodHours ?? null,
  };
}

/** DescribeStreamSummary for a batch of names; deleted streams are reported as gone, not as errors. */
export async function describeSummaries(client: KinesisClient, names: readonly string[], concurrency = 8): Promise<StreamSummaries> {
  const gone: string[] = [];
  const partialErrors: StreamSummaries['partialErrors'] = [];
  const described = await mapWithConcurrency(names, concurrency, async (name) => {
    try {
      const result = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      return result.StreamDescriptionSummary ? toStreamSummary(name, result.StreamDescriptionSummary) : null;
    } catch (error) {
      if (classifyAwsError(error).failure === 'not-found') gone.push(name);
      else partialErrors.push({ name, message: toApiError(error).message });
      return null;
    }
  });
  return { summaries: described.filter((s): s is StreamSummary => s !== null), gone, partialErrors };
}
