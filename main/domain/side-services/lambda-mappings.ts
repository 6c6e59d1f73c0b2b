import { ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import type { LambdaMapping } from '../../../shared/contract';
import { createLambdaClient, using } from '../../aws/clients';
import { endpointOf, type ConnectionTarget } from '../connections/target';

/** At most this many mappings are listed: a stream with more is a stream nobody reads by Lambda alone. */
const MAX_MAPPINGS = 200;

/**
 * Where a mapping sends the notices of the batches it gave up on, and for an SQS queue its URL
 * (arn:aws:sqs:REGION:ACCOUNT:NAME), at the connection's endpoint when it has one, as a local
 * stack serves every service at one address.
 */
function onFailureOf(destination: string | undefined, target: ConnectionTarget): LambdaMapping['onFailure'] {
  if (!destination) return null;
  const queue = /^arn:[\w-]+:sqs:([\w-]+):(\d{12}):([\w-]{1,80}(?:\.fifo)?)$/.exec(destination);
  if (!queue) return { destination, queueUrl: null };
  const [, region, account, name] = queue;
  const base = target.kind === 'aws' ? `https://sqs.${region}.amazonaws.com` : target.endpoint.replace(/\/+$/, '');
  return { destination, queueUrl: `${base}/${account}/${name}` };
}

/** The event source mappings reading the stream (ListEventSourceMappings by the stream's ARN). */
export async function lambdaMappings(target: ConnectionTarget, streamArn: string): Promise<LambdaMapping[]> {
  const { region, credentials } = endpointOf(target);
  return using(await createLambdaClient({ region, credentials }), async (lambda) => {
    const mappings: LambdaMapping[] = [];
    let marker: string | undefined;
    do {
      const page = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: streamArn, Marker: marker, MaxItems: 100 }));
      for (const m of page.EventSourceMappings ?? []) {
        mappings.push({
          uuid: m.UUID ?? '',
          functionArn: m.FunctionArn ?? null,
          state: m.State ?? null,
          stateReason: m.StateTransitionReason ?? null,
          batchSize: m.BatchSize ?? null,
          startingPosition: m.StartingPosition ?? null,
          lastProcessingResult: m.LastProcessingResult ?? null,
          lastModified: m.LastModified?.toISOString() ?? null,
          onFailure: onFailureOf(m.DestinationConfig?.OnFailure?.Destination, target),
        });
      }
      marker = page.NextMarker;
    } while (marker && mappings.length < MAX_MAPPINGS);
    return mappings;
  });
}
