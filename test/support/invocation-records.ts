/**
 * Lambda's invocation records for a failed Kinesis batch, in exactly the shape of the example on
 * "Retain discarded batch records for a Kinesis Data Streams event source in Lambda"
 * (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html): requestContext,
 * responseContext, version, timestamp and KinesisBatchInfo, with the S3 destination's payload when given.
 */
export interface BatchRecord {
  sequenceNumber: string;
  partitionKey: string;
  data: Buffer;
  arrival: Date;
}

export function invocationRecord(options: {
  stream: string;
  shardId: string;
  start: string;
  end: string;
  batchSize: number;
  firstArrival?: Date;
  lastArrival?: Date;
  region?: string;
  /** For an S3 destination: the event the function was given, which holds the records. */
  payload?: BatchRecord[];
}) {
  const region = options.region ?? 'us-east-1';
  const first = options.firstArrival ?? new Date();
  const last = options.lastArrival ?? first;
  const streamArn = `arn:aws:kinesis:${region}:000000000000:stream/${options.stream}`;
  return {
    requestContext: {
      requestId: 'c9b8fa9f-5a7f-xmpl-af9c-0c604cde93a5',
      functionArn: `arn:aws:lambda:${region}:000000000000:function:myfunction`,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 1,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: new Date(last.getTime() + 1_000).toISOString(),
    KinesisBatchInfo: {
      shardId: options.shardId,
      startSequenceNumber: options.start,
      endSequenceNumber: options.end,
      approximateArrivalOfFirstRecord: first.toISOString(),
      approximateArrivalOfLastRecord: last.toISOString(),
      batchSize: options.batchSize,
      streamArn,
    },
    ...(options.payload
      ? {
          payload: {
            Records: options.payload.map((record) => ({
              kinesis: {
                kinesisSchemaVersion: '1.0',
                partitionKey: record.partitionKey,
                sequenceNumber: record.sequenceNumber,
                data: record.data.toString('base64'),
                approximateArrivalTimestamp: record.arrival.getTime() / 1_000,
              },
              eventSource: 'aws:kinesis',
              eventVersion: '1.0',
              eventID: `${options.shardId}:${record.sequenceNumber}`,
              eventName: 'aws:kinesis:record',
              invokeIdentityArn: `arn:aws:iam::000000000000:role/lambda-role`,
              awsRegion: region,
              eventSourceARN: streamArn,
            })),
          },
        }
      : {}),
  };
}

/**
 * The key an S3 on-failure destination gives an invocation record's object (one per failed
 * invocation, the record with its payload, per "Retain discarded batch records for a Kinesis Data
 * Streams event source in Lambda", section "Amazon S3 destinations"):
 * aws/lambda/<event source mapping UUID>/<shard ID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<random UUID>.
 */
export function s3DestinationKey(mappingId: string, shardId: string, at: Date, id: string): string {
  const iso = at.toISOString();
  const [day, time] = [iso.slice(0, 10), iso.slice(11, 19).replace(/:/g, '.')];
  return `aws/lambda/${mappingId}/${shardId}/${day.replace(/-/g, '/')}/${day}T${time}-${id}`;
}
