import { z } from 'zod';
import { isAbsoluteFolder, isS3Target, s3LocationSchema } from './runs';
import { readS3Location, s3LocationRefusal } from '../s3-location';
import { streamNameSchema } from './streams';

export const pipelineEngines = ['firehose', 'flink', 'spark'] as const;
export type PipelineEngineName = (typeof pipelineEngines)[number];

/** A full folder path, or an S3 prefix (`s3://bucket/prefix/`) checked by the same rules as a run's. */
const folderOrPrefix = (what: string) =>
  z
    .string()
    .min(1)
    .max(4_096)
    .superRefine((place, context) => {
      if (isS3Target(place)) {
        const read = readS3Location(place);
        if ('problem' in read) context.addIssue({ code: 'custom', message: s3LocationRefusal(place, read.problem) });
      } else if (!isAbsoluteFolder(place))
        context.addIssue({
          code: 'custom',
          message: `${what} must be a full path, e.g. /home/me/exports/orders, or an S3 prefix, s3://bucket/prefix/.`,
        });
    });

/** What the hand-over is for: a stream, the engine, and where its output goes. */
export const pipelineRequestSchema = z
  .object({
    stream: streamNameSchema,
    engine: z.enum(pipelineEngines),
    /** A run's folder or S3 prefix: its stream, format, partitioning, start and columns are the pipeline's. */
    fromRun: folderOrPrefix('Runs').optional(),
    /** Where the engine writes: s3://bucket/prefix/. */
    prefix: s3LocationSchema,
    /** The engine's file format; the run's by default, else Parquet. */
    format: z.enum(['parquet', 'jsonl', 'csv']).optional(),
    /** arrival:hour, arrival:day or a top-level field, as a run's partitioning; the run's by default. */
    partitionBy: z.string().min(1).max(140).optional(),
    /** T, where the engine starts reading; now by default. */
    startAt: z.iso.datetime({ offset: true }).optional(),
    /** How far past T the run reads, so that both outputs overlap. */
    marginMinutes: z.number().int().min(1).max(1_440).default(15),
    /** The records' encoding: JSON, or Glue Schema Registry Avro or Protobuf; as the run read them, else as the stream's latest are. */
    encoding: z.enum(['json', 'avro', 'protobuf']).optional(),
  })
  .strict();
export type PipelineRequest = z.output<typeof pipelineRequestSchema>;

export const pipelineAssetSchema = z.object({ path: z.string(), text: z.string() });

export const pipelineAssetsSchema = z.object({
  engine: z.enum(pipelineEngines),
  /** T as written into the assets (Firehose: an estimate; its creation time is T). */
  startAt: z.string(),
  assets: z.array(pipelineAssetSchema),
  /** What the engine cannot carry (the dedupe key), for each host to show beside the files. */
  notes: z.array(z.string()),
});
export type PipelineAssets = z.infer<typeof pipelineAssetsSchema>;

export const pipelineWriteInputSchema = pipelineRequestSchema
  .extend({
    out: z.string().min(1).max(4_096).refine(isAbsoluteFolder, 'The output folder must be a full path.'),
    /** Replace files of the same names in the folder. */
    replace: z.boolean().default(false),
  })
  .strict();

export const pipelineVerifyInputSchema = z
  .object({ run: folderOrPrefix('Runs'), engineOutput: folderOrPrefix("The engine's output") })
  .strict();

export const shardVerdicts = ['ok', 'gap', 'mismatch', 'duplicates', 'run-only', 'engine-only'] as const;

export const shardCheckSchema = z.object({
  shardId: z.string(),
  runRecords: z.number().int(),
  engineRecords: z.number().int(),
  overlap: z.number().int(),
  duplicates: z.number().int(),
  missingFromRun: z.number().int(),
  missingFromEngine: z.number().int(),
  runLast: z.string().nullable(),
  engineFirst: z.string().nullable(),
  verdict: z.enum(shardVerdicts),
});

export const pipelineVerifySchema = z.object({
  shards: z.array(shardCheckSchema),
  /** No shard has a gap, a mismatch or duplicates. */
  passed: z.boolean(),
});
export type PipelineVerify = z.infer<typeof pipelineVerifySchema>;
