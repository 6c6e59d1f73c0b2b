import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  ScanCommand,
  waitUntilTableExists,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export type LeaseItem = Record<string, AttributeValue>;

/** A lease table has one item per shard (and a few KCL 3.x bookkeeping items): more than this is not one. */
const MAX_LEASE_ITEMS = 50_000;
/** Nor is a table this large (a lease is well under a kilobyte; DynamoDB allows items of 400 KB). */
const MAX_LEASE_BYTES = 32 * 1024 * 1024;
/** Tables looked at when none is named; an account with more is asked to name its application. */
const MAX_TABLES_SEARCHED = 500;

/**
 * Every item of a table, page by page; a table far larger than any lease table is refused, not read
 * whole. Eventually consistent unless `consistent`: half the read capacity the KCL's own lease
 * scans need, and a sample a second stale is still a sample; a checkpoint move reads consistently.
 */
export async function scanTable(client: DynamoDBClient, table: string, signal?: AbortSignal, consistent = false): Promise<LeaseItem[]> {
  const items: LeaseItem[] = [];
  let bytes = 0;
  let start: LeaseItem | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: consistent }), {
      abortSignal: signal,
    });
    items.push(...(page.Items ?? []));
    bytes += JSON.stringify(page.Items ?? []).length;
    if (items.length > MAX_LEASE_ITEMS || bytes > MAX_LEASE_BYTES)
      throw new Error(`${table} is far larger than a KCL lease table (over ${MAX_LEASE_ITEMS.toLocaleString('en')} items or 32 MiB).`);
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Tables whose hash key is `leaseKey`, the KCL's lease key in every version: the candidates for lease tables. */
export async function tablesKeyedByLease(client: DynamoDBClient, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start, Limit: 100 }), { abortSignal: signal });
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start && names.length < MAX_TABLES_SEARCHED);
  const keyed: string[] = [];
  // A few at a time: DescribeTable is a control-plane call with a low rate limit.
  for (let i = 0; i < names.length; i += 4) {
    const batch = names.slice(i, i + 4);
    const described = await Promise.all(
      batch.map((name) =>
        client.send(new DescribeTableCommand({ TableName: name }), { abortSignal: signal }).then(
          (d) => d.Table,
          () => undefined,
        ),
      ),
    );
    described.forEach((table, index) => {
      const hash = table?.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
      if (hash === 'leaseKey') keyed.push(batch[index]!);
    });
  }
  return keyed;
}

/** A KCL lease table as the KCL creates it: `leaseKey` the hash key, on-demand billing; false if it exists. */
export async function createLeaseTable(dynamodb: DynamoDBClient, table: string): Promise<boolean> {
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'leaseKey', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ResourceInUseException') throw error;
    await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 0.2, maxDelay: 1 }, { TableName: table });
    return false;
  }
  // A new table is CREATING for a moment, even in dynalite: writes before it is ACTIVE are refused.
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 0.2, maxDelay: 1 }, { TableName: table });
  return true;
}
