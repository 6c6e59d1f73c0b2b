import { ListStreamsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ActiveConnection, WriteTarget } from '../../../shared/contract';
import { createStsClient, using } from '../../aws/clients';
import { endpointOf, type ConnectionTarget } from '../connections/target';
import { describeStream } from '../engine/kinesis/stream-detail';

/** The account a stream belongs to, from its ARN; null when it cannot be described (not made yet, no permission). */
export async function accountOfStream(client: KinesisClient, stream: string): Promise<string | null> {
  try {
    return (await describeStream(client, stream)).arn.split(':')[4] || null;
  } catch {
    return null;
  }
}

/** The caller's account on AWS (STS); on an endpoint, the account its streams' ARNs carry (one stream described). */
async function accountOfConnection(target: ConnectionTarget, client: KinesisClient): Promise<string | null> {
  try {
    if (target.kind === 'aws')
      return await using(
        createStsClient(endpointOf(target)),
        async (sts) => (await sts.send(new GetCallerIdentityCommand({}))).Account ?? null,
      );
    const [any] = (await client.send(new ListStreamsCommand({ Limit: 1 }))).StreamNames ?? [];
    return any ? await accountOfStream(client, any) : null;
  } catch {
    return null;
  }
}

/**
 * Where a write to the stream lands, for every host's confirmation. The account comes from the
 * stream's ARN; a stream not made yet has none, so the connection's account is the one it will be
 * made in. The sandbox has no account to name: it is said to be the local sandbox.
 */
export async function writeTargetOf(
  active: Pick<ActiveConnection, 'kind' | 'label' | 'region' | 'endpoint'>,
  target: ConnectionTarget,
  client: KinesisClient,
  stream: string,
): Promise<WriteTarget> {
  const account =
    target.kind === 'sandbox' ? null : ((await accountOfStream(client, stream)) ?? (await accountOfConnection(target, client)));
  return { kind: active.kind, connection: active.label, region: active.region, endpoint: active.endpoint, account };
}
