import { AppError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { PipelineRequest } from '../../shared/contract/pipelines';
import { isS3Target, type RunSpec } from '../../shared/contract/runs';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import { describeStream } from '../domain/engine/kinesis/stream-detail';
import { loadManifest } from '../domain/runs/manifest';
import { pipelineAssets } from '../domain/pipelines/assets';
import { scalarColumn, type PipelineColumn } from '../domain/pipelines/column-types';
import {
  DATA_COLUMN,
  parsePartitionBy,
  parseS3Location,
  PipelineRefusal,
  type PipelineFormat,
  type PipelinePlan,
} from '../domain/pipelines/pipeline-plan';
import { runColumns } from '../domain/pipelines/run-columns';
import { withLocalCopy, type CopyOptions, type CopyWhat } from '../domain/pipelines/s3-copy';
import { createS3ClientFor } from '../domain/connections/s3-client';
import { using } from '../aws/clients';
import { FAILING, verifyHandOver } from '../domain/pipelines/verify';
import { writeAssets } from '../domain/pipelines/write-assets';
import { encodingOfKinds, type EncodingFound } from '../domain/pipelines/record-encoding';
import { sampleRecordKinds } from '../domain/pipelines/sample-kinds';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SchemaSource } from '../domain/connections/schema-source';

type PipelineCalls = Pick<Handlers, 'pipelines:generate' | 'pipelines:write' | 'pipelines:verify'>;

type Run = Awaited<ReturnType<typeof readRun>>;

/** The run a pipeline continues: read, never changed (runs own their folder and its lock). */
async function readRun(folder: string, stream: string) {
  const manifest = await loadManifest(folder);
  if (!manifest) throw new AppError('not-found', `${folder} holds no run (no run.json).`);
  if (manifest.spec.stream !== stream)
    throw new AppError('invalid-input', `The run in ${folder} read the stream ${manifest.spec.stream}, not ${stream}.`);
  return { manifest, columns: await runColumns(folder) };
}

/** A folder as it is, or an S3 prefix copied to a temporary folder for `body` (and removed after). */
async function onLocalFolder<T>(
  connections: ConnectionManager,
  owner: SessionOwner,
  place: string,
  what: CopyWhat,
  body: (folder: string) => Promise<T>,
  options?: CopyOptions,
): Promise<T> {
  if (!isS3Target(place)) return body(place);
  const client = await createS3ClientFor(connections.target(owner));
  return using(client, (s3) => withLocalCopy(s3, place, what, body, options));
}

/** A run's partitioning in the words --partition-by takes. */
function partitionWords(partitioning: RunSpec['partitionBy']): string | null {
  if (!partitioning) return null;
  return partitioning.type === 'arrival' ? `arrival:${partitioning.unit}` : partitioning.field;
}

/** A stream's region is in its ARN (arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME). */
function regionOf(arn: string): string {
  const region = arn.split(':')[3];
  if (!region) throw new AppError('aws', `The stream's ARN ${arn} names no region.`);
  return region;
}

/** How far back a stream is sampled for its encoding when no run says it: the records an engine starting now meets. */
const SAMPLE_SINCE_MS = 24 * 3_600_000;

interface Readers {
  connections: ConnectionManager;
  reading: ReaderSource;
  schemaSource: SchemaSource;
}

/** The records' encoding: as asked, else as the run saw them, else as the stream's latest records are. */
async function encodingFor(readers: Readers, request: PipelineRequest, run: Run | null, owner: SessionOwner): Promise<EncodingFound> {
  if (request.encoding) return { encoding: request.encoding, from: 'as asked', note: null };
  const kinds = run?.manifest.recordKinds;
  if (kinds) return encodingOfKinds(kinds, `the run in ${request.fromRun}`);
  const sample = await sampleRecordKinds({
    ...readers.reading(owner, request.stream),
    stream: request.stream,
    schemas: await readers.schemaSource(owner, request.stream),
    since: new Date(Date.now() - SAMPLE_SINCE_MS),
  });
  return encodingOfKinds(
    sample.kinds,
    `a sample of ${sample.records === 1 ? '1 record' : `${sample.records} records`} from ${request.stream}'s last day`,
  );
}

async function planOf(readers: Readers, request: PipelineRequest, owner: SessionOwner): Promise<PipelinePlan> {
  const { connections } = readers;
  const detail = await describeStream(connections.client(owner), request.stream);
  // The run's columns are its first part's: only that part and run.json come down from S3.
  const run: Run | null = request.fromRun
    ? await onLocalFolder(connections, owner, request.fromRun, 'run', (folder) => readRun(folder, request.stream), { firstPartOnly: true })
    : null;
  const partitionBy = request.partitionBy ?? partitionWords(run?.manifest.spec.partitionBy);
  const columns: PipelineColumn[] = run?.columns ?? [{ name: DATA_COLUMN, type: scalarColumn('string') }];
  try {
    const found = await encodingFor(readers, request, run, owner);
    return {
      stream: request.stream,
      streamArn: detail.arn,
      region: regionOf(detail.arn),
      streamKey: detail.encryption.type === 'KMS' ? detail.encryption.keyId : null,
      location: parseS3Location(request.prefix),
      format: request.format ?? (run?.manifest.spec.format as PipelineFormat | undefined) ?? 'parquet',
      partitionBy: partitionBy ? parsePartitionBy(partitionBy) : null,
      startAt: request.startAt ? new Date(request.startAt) : new Date(),
      marginMinutes: request.marginMinutes,
      encoding: found.encoding,
      encodingFrom: found.from,
      encodingNote: found.note,
      columns,
      columnsFrom: run
        ? `the run in ${request.fromRun} (started ${run.manifest.startedAt})`
        : `none known without a run: each record is kept whole as text in ${DATA_COLUMN}`,
      fromRun: run
        ? { folder: request.fromRun!, startedAt: run.manifest.startedAt, shards: Object.keys(run.manifest.shards).length }
        : null,
    };
  } catch (error) {
    if (error instanceof PipelineRefusal) throw new AppError('invalid-input', error.message);
    throw error;
  }
}

function generate(plan: PipelinePlan, request: PipelineRequest, version: string) {
  try {
    const { assets, notes } = pipelineAssets(plan, request.engine, version);
    return {
      engine: request.engine,
      startAt: plan.startAt.toISOString(),
      assets,
      notes: plan.encodingNote ? [...notes, plan.encodingNote] : notes,
    };
  } catch (error) {
    // What the engine cannot do is a refusal with its reason, not a pipeline that fails once deployed.
    if (error instanceof PipelineRefusal) throw new AppError('invalid-input', error.message);
    throw error;
  }
}

export function pipelineHandlers(readers: Readers, version: string): PipelineCalls {
  const { connections } = readers;
  return {
    'pipelines:generate': async (request, owner) => generate(await planOf(readers, request, owner), request, version),
    'pipelines:write': async ({ out, replace, ...request }, owner) => {
      const generated = generate(await planOf(readers, request, owner), request, version);
      const written = await writeAssets(out, generated.assets, replace);
      return { ...generated, folder: out, written };
    },
    'pipelines:verify': async ({ run, engineOutput }, owner) => {
      const shards = await onLocalFolder(connections, owner, run, 'run', (runFolder) =>
        onLocalFolder(connections, owner, engineOutput, 'engine-output', (engineFolder) => verifyHandOver(runFolder, engineFolder)),
      );
      return { shards, passed: shards.every((shard) => !FAILING.has(shard.verdict)) };
    },
  };
}
