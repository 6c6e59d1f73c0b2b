import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbTypeOf, glueTypeOf, parseGlueType } from '../../main/domain/pipelines/column-types';
import { firehoseTemplate } from '../../main/domain/pipelines/firehose';
import { runColumns } from '../../main/domain/pipelines/run-columns';
import { startSandbox, type Sandbox } from '../../main/domain/sandbox/sandbox';
import { tempDataDir } from '../support/app';
import { runCli } from '../support/cli';
import { errorsOf, type Template } from '../support/cfn-schemas';
import { duckdb } from '../support/duckdb';
import { samplePlan } from '../support/pipeline-plan';

/**
 * Types Glue lacks, and what their column reads back as from files the engine writes with the Glue
 * type: documented in docs/guide/pipelines.md ("Column types").
 */
const widened: Record<string, string> = { UUID: 'VARCHAR', JSON: 'VARCHAR', 'TIMESTAMP WITH TIME ZONE': 'TIMESTAMP' };

// The Glue table's columns come from the run's first Parquet part; mapped to Glue and back they
// must be the types DuckDB reads from the run's files, for a schema-typed run (the sandbox's GSR
// Avro payments) and an inferred JSON one (orders).
describe("Glue columns from a run's Parquet schema", () => {
  let sandbox: Sandbox;
  const home = tempDataDir();

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, recordsPerSecond: 200 });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it.each(['payments', 'orders'])(
    'round-trips every column of a %s run',
    async (stream) => {
      const to = path.join(home, stream);
      const run = await runCli([
        'ingest',
        stream,
        '--to',
        to,
        '--format',
        'parquet',
        '--until',
        'count:20',
        '--quiet',
        '--endpoint',
        sandbox.endpoint,
        '--glue-endpoint',
        sandbox.glueEndpoint,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const described = await duckdb(`DESCRIBE SELECT * FROM read_parquet('${to}/part-*.parquet')`);
      const columns = await runColumns(to);
      expect(columns.length).toBe(described.length - 5);
      if (stream === 'payments') expect(columns.some((c) => c.type.kind === 'decimal' || c.type.kind === 'struct')).toBe(true);
      for (const column of columns) {
        const fileType = String(described.find((d) => d.column_name === column.name)!.column_type);
        const glue = glueTypeOf(column.type);
        expect(duckdbTypeOf(parseGlueType(glue)), `${column.name}: ${fileType} as ${glue}`).toBe(widened[fileType] ?? fileType);
      }
      // The Glue table made of these columns is one CloudFormation accepts.
      expect(errorsOf(firehoseTemplate(samplePlan({ stream, columns }), ['header']) as Template)).toEqual({});
    },
    90_000,
  );
});
