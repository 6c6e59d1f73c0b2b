import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../aws/clients';
import { describeTarget, endpointOf, type ConnectionTarget } from '../connections/target';

export interface LeaseStore {
  client: DynamoDBClient;
  /** Where the tables are, said to the user: a local endpoint, or AWS's DynamoDB in a region. */
  at: string;
}

export async function openLeaseStore(target: ConnectionTarget): Promise<LeaseStore> {
  const { region, credentials } = endpointOf(target);
  const endpoint = target.dynamodbEndpoint ?? null;
  const { label } = describeTarget(target);
  const client = await createDynamoDbClient({
    region,
    endpoint,
    credentials,
    // Lease tables are only read, except by a checkpoint move, which a read-only connection refuses here too.
    readOnly: target.kind === 'sandbox' ? null : { connection: label, now: () => target.readOnlyNow?.() ?? Boolean(target.readOnly) },
  });
  return { client, at: endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB ?? `AWS DynamoDB ${region}` };
}
