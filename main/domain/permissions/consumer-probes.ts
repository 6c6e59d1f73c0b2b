import { DescribeTableCommand, ListTablesCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { ConnectionTarget } from '../connections/target';
import { lambdaMappings } from '../side-services/lambda-mappings';
import { tablesKeyedByLease } from '../engine/leases/lease-table';
import { openLeaseStore } from '../side-services/lease-store';
import { lambdaUnavailable, leaseStoreUnavailable } from '../side-services/availability';
import type { Remedy } from '../../../shared/contract/errors';
import { classifyProbeError, type Outcome } from './classify';

export interface ConsumerProbeOptions {
  target: ConnectionTarget;
  streamArn: string;
  /** Lease tables the user named; none: the ones found by their shape, if ListTables is allowed. */
  leaseTables: readonly string[];
  writeProbe: boolean;
  readOnly: boolean;
}

export interface ConsumerProbes {
  outcomes: Record<string, Outcome>;
  /** The lease tables checked, by ARN, for the fix policy. */
  leaseTableArns: string[];
}

const notChecked = (reason: string, remedy?: Remedy): Outcome => ({ status: 'unchecked', reason, ...(remedy ? { remedy } : {}) });

async function attempt(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return { status: 'granted', reason: null };
  } catch (error) {
    return classifyProbeError(error);
  }
}

/**
 * What the Consumers panel needs, probed with the calls it makes: ListTables, DescribeTable and a
 * one-item Scan of a lease table, ListEventSourceMappings. UpdateItem only on request, with a
 * condition that can never hold, so the call is authorized or refused and changes nothing.
 */
export async function probeConsumerAccess(options: ConsumerProbeOptions): Promise<ConsumerProbes> {
  const { target } = options;
  const lambdaOff = lambdaUnavailable(target);
  const lambda = lambdaOff ? notChecked(lambdaOff) : attempt(() => lambdaMappings(target, options.streamArn));
  const storeOff = leaseStoreUnavailable(target);
  if (storeOff) {
    const off = notChecked(storeOff.reason, storeOff.remedy);
    return {
      outcomes: {
        'lambda:ListEventSourceMappings': await lambda,
        'dynamodb:ListTables': off,
        'dynamodb:DescribeTable': off,
        'dynamodb:Scan': off,
        'dynamodb:UpdateItem': off,
      },
      leaseTableArns: [],
    };
  }
  const store = await openLeaseStore(target);
  try {
    const listed = await attempt(() => store.client.send(new ListTablesCommand({ Limit: 1 })));
    const tables = options.leaseTables.length
      ? [...options.leaseTables]
      : listed.status === 'granted'
        ? await tablesKeyedByLease(store.client).catch(() => [])
        : [];
    const table = tables[0];
    const noTable = notChecked(
      options.leaseTables.length || listed.status === 'granted'
        ? 'No lease table was found.'
        : 'No lease table to check: ListTables was refused.',
      'name-lease-table',
    );
    const [describe, scan, update] = table
      ? await Promise.all([
          attempt(() => store.client.send(new DescribeTableCommand({ TableName: table }))),
          attempt(() => store.client.send(new ScanCommand({ TableName: table, Limit: 1 }))),
          options.readOnly
            ? notChecked('This connection is read-only: Shardscope refuses every write on it, so moving a checkpoint was not tried.')
            : !options.writeProbe
              ? notChecked('A write: checked only on request, with an update whose condition never holds (it changes nothing).')
              : updateProbe(store.client, table),
        ])
      : [noTable, noTable, noTable];
    const [, partition = 'aws', , region, account] = options.streamArn.split(':');
    return {
      outcomes: {
        'lambda:ListEventSourceMappings': await lambda,
        'dynamodb:ListTables': listed,
        'dynamodb:DescribeTable': describe!,
        'dynamodb:Scan': scan!,
        'dynamodb:UpdateItem': update!,
      },
      leaseTableArns: tables.slice(0, 20).map((name) => `arn:${partition}:dynamodb:${region}:${account || '*'}:table/${name}`),
    };
  } finally {
    store.client.destroy();
  }
}

/** An update that is authorized or refused before its condition (never true) is tested: nothing is written. */
async function updateProbe(client: Awaited<ReturnType<typeof openLeaseStore>>['client'], table: string): Promise<Outcome> {
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { leaseKey: { S: 'shardscope-permission-check' } },
        UpdateExpression: 'SET shardscopeProbe = :never',
        ConditionExpression: 'attribute_exists(leaseKey) AND attribute_not_exists(leaseKey)',
        ExpressionAttributeValues: { ':never': { S: 'never written' } },
      }),
    );
    return { status: 'granted', reason: null };
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return { status: 'granted', reason: null };
    return classifyProbeError(error);
  }
}
