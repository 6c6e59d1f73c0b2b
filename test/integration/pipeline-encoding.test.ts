import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/domain/sandbox/sandbox';
import { tempDataDir } from '../support/app';
import { runCli } from '../support/cli';

// The hand-over reads the stream as its records are written, without being told: as the run read
// them (run.json keeps their kinds), else as a sample of the stream's latest records shows. A
// Glue Schema Registry Avro stream (the sandbox's payments) is refused by Firehose, whose format
// conversion reads JSON only, and reaches Spark through from_avro.
describe("a pipeline's record encoding", () => {
  let sandbox: Sandbox;
  const home = tempDataDir();
  const on = () => ['--endpoint', sandbox.endpoint, '--glue-endpoint', sandbox.glueEndpoint];
  const runOf = (stream: string) => path.join(home, `${stream}-run`);
  const manifestOf = (stream: string) => JSON.parse(readFileSync(path.join(runOf(stream), 'run.json'), 'utf8'));
  const pipeline = (stream: string, engine: string, out: string, ...more: string[]) =>
    runCli(['pipeline', stream, '--engine', engine, '--prefix', 's3://lake/engine/', '--out', path.join(home, out), ...more, ...on()]);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, recordsPerSecond: 200 });
    for (const stream of ['payments', 'orders']) {
      const run = await runCli(['ingest', stream, '--to', runOf(stream), '--format', 'parquet', '--until', 'count:20', '--quiet', ...on()]);
      expect(run.code, run.stderr).toBe(0);
    }
  }, 90_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('keeps what the records were in run.json', () => {
    expect(manifestOf('payments').recordKinds).toEqual(['avro']);
    expect(manifestOf('orders').recordKinds).toEqual(['json']);
  });

  it("refuses Firehose for a run of Avro records, and hands it to Spark's from_avro", async () => {
    const firehose = await pipeline('payments', 'firehose', 'payments-firehose', '--from-run', runOf('payments'));
    expect(firehose.code).not.toBe(0);
    expect(firehose.stderr).toContain("Firehose's format conversion reads JSON only");
    expect(firehose.stderr).toContain('Glue Schema Registry avro');

    const spark = await pipeline('payments', 'spark', 'payments-spark', '--from-run', runOf('payments'));
    expect(spark.code, spark.stderr).toBe(0);
    const job = readFileSync(path.join(home, 'payments-spark', 'spark-pipeline.py'), 'utf8');
    expect(job).toContain('from_avro');
    expect(job).toContain(`Records: Glue Schema Registry Avro (the run in ${runOf('payments')})`);
  }, 60_000);

  it("samples the stream's latest records when there is no run", async () => {
    const firehose = await pipeline('payments', 'firehose', 'payments-sampled');
    expect(firehose.code).not.toBe(0);
    expect(firehose.stderr).toContain("Firehose's format conversion reads JSON only");

    const orders = await pipeline('orders', 'firehose', 'orders-sampled');
    expect(orders.code, orders.stderr).toBe(0);
    expect(readFileSync(path.join(home, 'orders-sampled', 'CUTOVER.txt'), 'utf8')).toMatch(
      /Records: JSON \(a sample of \d+ records from orders's last day\)/,
    );
  }, 60_000);

  it('says which records of a mixed stream the engine will not read', async () => {
    const mixed = await pipeline('mixed-encodings', 'spark', 'mixed-sampled');
    expect(mixed.code, mixed.stderr).toBe(0);
    expect(mixed.stderr).toMatch(
      /Some of the records in a sample of \d+ records? from mixed-encodings's last day are not plain JSON \(.*gzip or zlib compressed.*\)/,
    );
  }, 60_000);

  it('takes the encoding as asked over the run', async () => {
    const asked = await pipeline('orders', 'firehose', 'orders-asked', '--from-run', runOf('orders'), '--encoding', 'avro');
    expect(asked.code).not.toBe(0);
    expect(asked.stderr).toContain("Firehose's format conversion reads JSON only");
  }, 60_000);
});
