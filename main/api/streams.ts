import type { ConnectionManager } from '../domain/connections/connection-manager';
import { AppError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import { hashKeyOf, shardForHashKey } from '../domain/kinesis/shard-for';
import { describeStream, listConsumers, listShards, listTags } from '../domain/kinesis/stream-detail';
import { describeSummaries, listStreamNames } from '../domain/kinesis/streams';

type StreamCalls = Pick<
  Handlers,
  'streams:names' | 'streams:summaries' | 'streams:describe' | 'streams:shards' | 'streams:consumers' | 'streams:tags' | 'streams:shardFor'
>;

/** Each panel of the stream browser has its own call, so one failing call degrades one panel only. */
export function streamHandlers(connections: ConnectionManager): StreamCalls {
  const client = () => connections.client();
  return {
    'streams:names': () => listStreamNames(client()),
    'streams:summaries': ({ names }) => describeSummaries(client(), names),
    'streams:describe': ({ name }) => describeStream(client(), name),
    'streams:shards': async ({ name }) => ({ shards: await listShards(client(), name) }),
    'streams:consumers': async ({ name }) => {
      const { arn } = await describeStream(client(), name);
      return listConsumers(client(), arn).catch((error: unknown) => {
        if ((error as Error).name === 'UnknownOperationException') {
          throw new AppError('unavailable', 'This endpoint does not implement ListStreamConsumers (enhanced fan-out).');
        }
        throw error;
      });
    },
    'streams:tags': ({ name }) => listTags(client(), name),
    'streams:shardFor': async ({ name, partitionKey, explicitHashKey }) => {
      const hashKey = explicitHashKey !== undefined ? BigInt(explicitHashKey) : hashKeyOf(partitionKey!);
      return shardForHashKey(await listShards(client(), name), hashKey);
    },
  };
}
