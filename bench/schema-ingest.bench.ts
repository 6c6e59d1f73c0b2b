// Schema-encoded records against JSON: the same events as GSR-framed Avro (two schema versions,
// resolved through the sandbox's Glue stand-in) and as JSON, each run to Parquet and searched by
// `shardscope` in its own process, in the same bench run. A loopback proxy in front of the Glue
// stand-in counts the GetSchemaVersion calls each process makes: one per version is the promise.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { createGlueClient, createKinesisClient } from '../main/aws/clients';
import { duckdb } from '../test/support/duckdb';
import { startFaultProxy, type FaultProxy } from '../test/support/fault-proxy';
import { loadRecordEncoder, putLoad, registerLoadSchemas, type LoadEncoding, type LoadVersions } from '../test/support/schema-load';
import { createStream } from '../test/support/sdk';
import { cli } from './cli-process';
import { higher, lower, neutral, type BenchOutput, type Figure } from './figures';

export interface SchemaIngestSize {
  /** A multiple of 500: written once as GSR Avro and once as JSON. */
  records: number;
}

const encodings = ['json', 'avro'] as const;

export const schemaIngestFigures = [
  ...encodings.flatMap((encoding) => [`parquet.${encoding}.seconds`, `parquet.${encoding}.rate`, `search.${encoding}.seconds`]),
  'parquet.avro.vs-json',
  'search.avro.vs-json',
  'parquet.avro.glue-calls',
  'search.avro.glue-calls',
];

const CREDENTIALS = { accessKeyId: 'x', secretAccessKey: 'x' };
const WHERE = 'data.ok && data.amount > 600.0';

export async function schemaIngestBench({ records }: SchemaIngestSize): Promise<BenchOutput> {
  const sandbox = cli(['sandbox', '--no-demo', '--port', '0']);
  let client: KinesisClient | null = null;
  let proxy: FaultProxy | null = null;
  try {
    const endpoint = await sandbox.printed(/^endpoint: (\S+)/m);
    const glueEndpoint = await sandbox.printed(/^glue endpoint: (\S+)/m);
    client = createKinesisClient({ region: 'us-east-1', endpoint, credentials: CREDENTIALS, maxAttempts: 3 });
    const glue = await createGlueClient({ region: 'us-east-1', endpoint: glueEndpoint, credentials: CREDENTIALS });
    const versions = await registerLoadSchemas(glue).finally(() => glue.destroy());
    proxy = await startFaultProxy(glueEndpoint);
    const lookups = () => proxy!.calls.filter((call) => call.operation === 'GetSchemaVersion').length;
    const connection = ['--endpoint', endpoint, '--glue-endpoint', proxy.endpoint];

    const seconds: Record<string, number> = {};
    const glueCalls: Record<string, number> = {};
    for (const encoding of encodings) {
      const stream = `${encoding}-${records}`;
      await fill(client, stream, records, encoding === 'avro' ? 'gsr-avro' : 'json', versions);

      const before = lookups();
      const folder = mkdtempSync(path.join(tmpdir(), `bench-schema-${encoding}-`));
      const run = await cli(['ingest', stream, '--to', folder, '--format', 'parquet', '--json', '--quiet', ...connection]).done;
      if (run.code !== 0) throw new Error(`ingest of ${encoding} failed (${run.code}): ${run.stderr}`);
      const summary = JSON.parse(run.stdout) as { records: number; seconds: number };
      if (summary.records !== records) throw new Error(`ingest of ${encoding} wrote ${summary.records} of ${records}`);
      await expectDecoded(folder, records, encoding);
      seconds[`parquet.${encoding}`] = summary.seconds;
      glueCalls[`parquet.${encoding}`] = lookups() - before;

      const searchedBefore = lookups();
      const search = await cli(['search', stream, '--where', WHERE, '--from', 'TRIM_HORIZON', '--limit', '100000', ...connection]).done;
      const stats = /scanned (\d+), matched (\d+) in ([\d.]+) s/.exec(search.stderr);
      if (search.code !== 0 || !stats || Number(stats[1]) !== records)
        throw new Error(`search of ${encoding} failed (${search.code}): ${search.stderr}`);
      // The same events either way: a decoded record that matched differently is a wrong figure, not a slow one.
      if (Number(stats[2]) !== expectedMatches(records))
        throw new Error(`search of ${encoding} matched ${stats[2]}, not ${expectedMatches(records)}`);
      seconds[`search.${encoding}`] = Number(stats[3]);
      glueCalls[`search.${encoding}`] = lookups() - searchedBefore;
    }

    const count = `${records.toLocaleString('en-US')} records`;
    const figures: Figure[] = [];
    for (const encoding of encodings) {
      const name = encoding === 'avro' ? 'GSR Avro' : 'JSON';
      figures.push(
        lower(`parquet.${encoding}.seconds`, `${count} of ${name}: ingest to parquet`, seconds[`parquet.${encoding}`]!, 's'),
        higher(
          `parquet.${encoding}.rate`,
          `${count} of ${name}: ingest to parquet, rate`,
          records / seconds[`parquet.${encoding}`]!,
          'records/s',
        ),
        lower(`search.${encoding}.seconds`, `${count} of ${name}: search (CEL, two fields)`, seconds[`search.${encoding}`]!, 's'),
      );
    }
    figures.push(
      lower('parquet.avro.vs-json', 'ingest to parquet, GSR Avro / JSON (target: 150 % at most)', ratio(seconds, 'parquet'), '%'),
      lower('search.avro.vs-json', 'search, GSR Avro / JSON', ratio(seconds, 'search'), '%'),
      neutral(
        'parquet.avro.glue-calls',
        'GetSchemaVersion calls of the GSR Avro run (2 versions; promise: 2)',
        glueCalls['parquet.avro']!,
        'calls',
      ),
      neutral(
        'search.avro.glue-calls',
        'GetSchemaVersion calls of the GSR Avro search (2 versions; promise: 2)',
        glueCalls['search.avro']!,
        'calls',
      ),
    );
    return {
      title: `schema-encoded records: ${count} of GSR Avro (about 200 bytes, 2 versions) against the same events as JSON, 4 shards of the sandbox`,
      figures,
      notes: [`JSON calls to Glue: run ${glueCalls['parquet.json']}, search ${glueCalls['search.json']}`],
    };
  } finally {
    client?.destroy();
    await proxy?.close();
    sandbox.child.kill('SIGINT');
    await sandbox.done;
  }
}

const ratio = (seconds: Record<string, number>, kind: string) => (seconds[`${kind}.avro`]! / seconds[`${kind}.json`]!) * 100;

/** Matches of WHERE among events 0..records-1: ok is even i, amount is i * 1.25, i = n % 500. */
function expectedMatches(records: number): number {
  let matches = 0;
  for (let n = 0; n < records; n++) if ((n % 500) % 2 === 0 && (n % 500) * 1.25 > 600) matches++;
  return matches;
}

async function fill(client: KinesisClient, stream: string, records: number, encoding: LoadEncoding, versions: LoadVersions): Promise<void> {
  await createStream(client, stream, 4);
  await putLoad(client, stream, records, loadRecordEncoder(encoding, versions));
}

/** Each row of the Parquet files has its decoded fields as columns, not the bytes: else the figure times a failure. */
async function expectDecoded(folder: string, records: number, encoding: string): Promise<void> {
  const files = readdirSync(folder).filter((name) => name.endsWith('.parquet'));
  if (files.length === 0) throw new Error(`the ${encoding} run wrote no Parquet file`);
  const list = files.map((name) => `'${path.join(folder, name).replaceAll("'", "''")}'`).join(', ');
  const [row] = await duckdb(
    `SELECT count(*)::INTEGER AS decoded FROM read_parquet([${list}], union_by_name = true) WHERE "user" LIKE 'user-%' AND note IS NOT NULL`,
  );
  if (row?.decoded !== records) throw new Error(`${String(row?.decoded)} of ${records} ${encoding} rows have their fields as columns`);
}
