// The reference library ships types for aggregate() and deaggregate() only; this is the part of
// its RecordAggregator (lib/kpl-agg.js) Shardscope uses.
declare module 'aws-kinesis-agg' {
  interface AggregatorInput {
    partitionKey: string;
    explicitHashKey?: string;
    data: Buffer;
  }
  export class RecordAggregator {
    constructor();
    checkIfUserRecordFits(record: AggregatorInput): boolean;
    addUserRecord(record: AggregatorInput): void;
    build(): { partitionKey: string; data: Buffer; ExplicitHashKey?: string } | undefined;
    length(): number;
  }
}
