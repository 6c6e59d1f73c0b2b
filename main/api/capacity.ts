import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { Handlers } from '../core/dispatcher';
import { capacityEstimate } from '../domain/capacity/capacity-estimate';
import { shardThrottling } from '../domain/capacity/shard-throttling';
import { describeStream, listShards } from '../domain/engine/kinesis/stream-detail';

export function capacityHandlers(connections: ConnectionManager): Pick<Handlers, 'capacity:estimate' | 'capacity:shardThrottling'> {
  return {
    'capacity:estimate': (input, owner) => capacityEstimate(connections.client(owner), connections.target(owner), input),
    'capacity:shardThrottling': async ({ name, from, until }, owner) => {
      const client = connections.client(owner);
      const [detail, shards] = await Promise.all([describeStream(client, name), listShards(client, name)]);
      return shardThrottling(
        connections.target(owner),
        detail,
        shards.map((s) => s.shardId),
        new Date(from),
        new Date(until),
      );
    },
  };
}
