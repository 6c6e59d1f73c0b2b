import type { ConnectionManager } from '../domain/connections/connection-manager';
import { AppError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import { whichShard } from '../domain/engine/kpl/which-shard';
import { describeStream, listConsumers, listShards, listTags } from '../domain/engine/kinesis/stream-detail';
import { describeSummaries, listStreamNames } from '../domain/engine/kinesis/streams';

type StreamCalls = Pick<
  Handlers,
  'streams:names' | 'streams:summaries' | 'streams:describe' | 'streams:shards' | 'streams:consumers' | 'streams:tags' | 'streams:shardFor'
>;

/** Each panel of the stream browser has its own call, so one failing call degrades one panel only. */
export function streamHandlers(connections: ConnectionManager): StreamCalls {
  return {
    'streams:names': (_input, owner) => listStreamNames(connections.client(owner)),
    'streams:summaries': ({ names }, owner) => describeSummaries(connections.client(owner), names),
    'streams:describe': ({ name }, owner) => describeStream(connections.client(owner), name),
    'streams:shards': async ({ name }, owner) => ({ shards: await listShards(connections.client(owner), name) }),
    'streams:consumers': async ({ name }, owner) => {
      const { arn } = await describeStream(connections.client(owner), name);
      return listConsumers(connections.client(owner), arn).catch((error: unknown) => {
        if ((error as Error).name === 'UnknownOperationException') {
          throw new AppError('unavailable', 'This endpoint does not implement ListStreamConsumers (enhanced fan-out).');
        }
        throw error;
      });
    },
    'streams:tags': ({ name }, owner) => listTags(connections.client(owner), name),
    'streams:shardFor': async ({ name, partitionKey, explicitHashKey, aggregate }, owner) =>
      whichShard(await listShards(connections.client(owner), name), {
        ...(partitionKey !== undefined ? { partitionKey } : {}),
        ...(explicitHashKey !== undefined ? { explicitHashKey } : {}),
        ...(aggregate !== undefined ? { aggregate: Buffer.from(aggregate, 'base64') } : {}),
      }),
  };
}
