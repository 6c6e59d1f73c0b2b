import { aggregate } from 'aws-kinesis-agg';

export interface UserRecordInput {
  partitionKey: string;
  data: Buffer;
}

export interface AggregatedRecord {
  partitionKey: string;
  data: Buffer;
}

/**
 * Packs user records into KPL aggregated records (magic, protobuf, MD5) with the reference
 * library, so what the sandbox writes is exactly what a KPL producer would.
 */
export function aggregateUserRecords(records: UserRecordInput[]): Promise<AggregatedRecord[]> {
  return new Promise((resolve, reject) => {
    const out: AggregatedRecord[] = [];
    aggregate(
      records,
      (encoded, done) => {
        out.push({ partitionKey: encoded.partitionKey, data: Buffer.from(encoded.data) });
        done();
      },
      () => resolve(out),
      (error) => reject(error),
    );
  });
}
