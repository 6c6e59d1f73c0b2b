import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { CapacityEstimate, ManualLoad, PriceTable, StreamDetail } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { describeStream } from '../engine/kinesis/stream-detail';
import type { ConnectionTarget } from '../connections/target';
import { cloudWatchLoad } from './cloudwatch-load';
import { estimateCapacity } from './cost-model';
import { profileFromManualLoad, profileFromSeconds } from './load-profile';
import { pricesFor } from './prices';

export interface CapacityRequest {
  name?: string;
  days: number;
  region?: string;
  load?: ManualLoad;
  prices?: PriceTable;
}

/**
 * The shards and monthly cost a stream needs: its load from CloudWatch, or the load given (for
 * a stream that does not exist yet, or where CloudWatch is not to be had); its retention and
 * enhanced fan-out consumers from the stream itself when it is named.
 */
export async function capacityEstimate(
  client: KinesisClient,
  target: ConnectionTarget,
  request: CapacityRequest,
): Promise<CapacityEstimate> {
  const region = request.region ?? target.region;
  // Prices first: a region without them fails before any call is made.
  const used = pricesFor(region, request.prices);
  const detail: StreamDetail | null = request.name ? await describeStream(client, request.name) : null;
  const efoConsumers = detail?.consumerCount ?? 0;
  const retentionHours = detail?.retentionHours ?? 24;
  if (request.load) {
    const profile = profileFromManualLoad({ efoConsumers, ...request.load }, { region, retentionHours });
    return estimateCapacity(profile, used);
  }
  const name = request.name!;
  const load = await cloudWatchLoad(target, name, request.days);
  if (!load.available) throw new AppError('unavailable', `No load figures for ${name}: ${load.reason}`, 'give-load');
  return estimateCapacity(profileFromSeconds(load.seconds, { region, retentionHours, efoConsumers, source: load.source }), used);
}
