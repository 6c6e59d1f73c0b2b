import { athenaDedupe, cutoverSteps, dedupeKey, duckdbDedupe } from './cutover';
import { firehoseCliScript } from './firehose-cli';
import { firehoseRefusal, firehoseTemplate } from './firehose';
import { flinkApplication, flinkMain, flinkRefusal, flinkSql } from './flink';
import { PipelineRefusal, provenance, type PipelineEngine, type PipelinePlan } from './pipeline-plan';
import { sparkJob, sparkRefusal } from './spark';

export interface PipelineAsset {
  /** Relative to the output folder. */
  path: string;
  text: string;
}

/** What each engine cannot carry of the dedupe key, said beside the assets. */
const keyNotes: Record<PipelineEngine, string> = {
  firehose:
    'Firehose writes no shard or sequence metadata itself: the generated transform Lambda adds shardId, sequenceNumber, subSequenceNumber, partitionKey and arrivalTime, and the partition keys.',
  flink:
    'Flink: flink-pipeline.sql uses kinesis-legacy (Flink 1.20), which gives shardId and sequenceNumber but no subSequenceNumber or partitionKey; flink-pipeline-kinesis.sql uses the newer kinesis connector, which gives none of the key (FLINK-36671).',
  spark:
    'Spark: the aws-kinesis connector gives sequenceNumber and partitionKey but no shardId or subSequenceNumber; the dedupe key is (partitionKey, sequenceNumber), and verify places its rows on shards through the run.',
};

export function refusalOf(plan: PipelinePlan, engine: PipelineEngine): string | null {
  return { firehose: firehoseRefusal, flink: flinkRefusal, spark: sparkRefusal }[engine](plan);
}

/** Every file of the hand-over to one engine; refuses, with the reason, what the engine cannot do. */
export function pipelineAssets(plan: PipelinePlan, engine: PipelineEngine, version: string): { assets: PipelineAsset[]; notes: string[] } {
  const refusal = refusalOf(plan, engine);
  if (refusal) throw new PipelineRefusal(refusal);
  const header = provenance(plan, version);
  const engineAssets: PipelineAsset[] = [];
  if (engine === 'firehose') {
    const template = {
      ...firehoseTemplate(plan, header),
      Metadata: { Shardscope: { generatedBy: header[0], deploy: 'see deploy-firehose.sh' } },
    };
    engineAssets.push(
      { path: 'firehose.cfn.json', text: `${JSON.stringify(template, null, 2)}\n` },
      { path: 'deploy-firehose.sh', text: firehoseCliScript(plan, header) },
    );
  } else if (engine === 'flink') {
    const application = flinkApplication(plan);
    const described = {
      ...application,
      ApplicationDescription:
        `${header[0]} Deploy: zip flink-main.py, flink-pipeline.sql and lib/, upload it, then aws kinesisanalyticsv2 create-application --cli-input-json file://flink-application.json.`.slice(
          0,
          1024,
        ),
    };
    engineAssets.push(
      { path: 'flink-pipeline.sql', text: flinkSql(plan, header, 'kinesis-legacy') },
      { path: 'flink-pipeline-kinesis.sql', text: flinkSql(plan, header, 'kinesis') },
      { path: 'flink-main.py', text: flinkMain(header) },
      { path: 'flink-application.json', text: `${JSON.stringify(described, null, 2)}\n` },
    );
  } else {
    engineAssets.push({ path: 'spark-pipeline.py', text: sparkJob(plan, header) });
  }
  return {
    assets: [
      ...engineAssets,
      { path: 'dedupe-athena.sql', text: athenaDedupe(plan, engine, header) },
      { path: 'dedupe-duckdb.sql', text: duckdbDedupe(plan, engine, header) },
      { path: 'CUTOVER.txt', text: cutoverSteps(plan, engine, header) },
    ],
    notes: [keyNotes[engine], `Dedupe key: (${dedupeKey[engine]}).`],
  };
}
