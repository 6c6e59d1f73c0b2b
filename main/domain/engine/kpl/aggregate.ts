import { AggregateBuilder } from './aggregate-builder';

export interface UserRecordInput {
  partitionKey: string;
  data: Buffer;
}

export interface AggregatedRecord {
  /** The first user record's key, as the KPL sends an aggregate. */
  partitionKey: string;
  data: Buffer;
}

/**
 * Packs user records, in order, into as few KPL aggregates as fit (magic, protobuf, MD5), so what
 * the sandbox writes is what a KPL producer would. A record too large for an aggregate even alone
 * is refused: Kinesis would refuse it too.
 */
export async function aggregateUserRecords(records: UserRecordInput[]): Promise<AggregatedRecord[]> {
  const out: AggregatedRecord[] = [];
  const builder = new AggregateBuilder();
  let first: string | null = null;
  for (const record of records) {
    if (!builder.fits(record) && first !== null) {
      out.push({ partitionKey: first, data: builder.build() });
      first = null;
    }
    builder.add(record);
    first ??= record.partitionKey;
  }
  if (first !== null) out.push({ partitionKey: first, data: builder.build() });
  return out;
}
