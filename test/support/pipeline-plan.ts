import { parseDuckdbType } from '../../main/domain/pipelines/column-types';
import type { PipelinePlan } from '../../main/domain/pipelines/pipeline-plan';

/** A plan as the api makes one from a run, with columns of every kind the mappings handle. */
export function samplePlan(overrides: Partial<PipelinePlan> = {}): PipelinePlan {
  const column = (name: string, type: string) => ({ name, type: parseDuckdbType(type) });
  return {
    stream: 'orders',
    streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders',
    region: 'eu-west-1',
    streamKey: null,
    location: { bucket: 'lake', prefix: 'kinesis/orders/' },
    format: 'parquet',
    partitionBy: { kind: 'arrival', unit: 'hour' },
    startAt: new Date('2026-12-06T10:00:00Z'),
    marginMinutes: 15,
    encoding: 'json',
    encodingFrom: 'as asked',
    encodingNote: null,
    columns: [
      column('id', 'VARCHAR'),
      column('quantity', 'BIGINT'),
      column('price', 'DOUBLE'),
      column('placedAt', 'TIMESTAMP'),
      column('total', 'STRUCT(amount DECIMAL(10,2), "cur rency" VARCHAR, tags VARCHAR[])'),
      column('data_shardId', 'VARCHAR'),
    ],
    columnsFrom: 'a test run',
    fromRun: null,
    ...overrides,
  };
}
