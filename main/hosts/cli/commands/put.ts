import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { AppError } from '../../../core/app-error';
import { call, withCliApp } from '../cli-app';
import { confirmWrite } from '../confirm-write';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { note } from '../output';
import { withYesFlag, type WriteFlags } from '../write-flags';
import { terminalJson } from '../terminal-text';
import { describeFileError } from '../../../core/file-error';
import { withWriteSchemaFlags, writeEncodingOf, type WriteSchemaFlags } from '../parse';
import { schemaWords } from '../schema-words';

interface PutOptions extends ConnectionFlags, WriteFlags, WriteSchemaFlags {
  partitionKey?: string;
  explicitHashKey?: string;
  data?: string;
  file?: string;
  base64?: boolean;
  gzip?: boolean;
  json?: boolean;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The record's bytes as the dispatcher takes them: text as it is, a file or standard input as base64 (binary-safe). */
async function dataOf(opts: PutOptions, encoded: boolean): Promise<{ data: string; encoding: 'text' | 'base64' | 'json' }> {
  if (opts.data !== undefined && opts.file !== undefined) throw new AppError('invalid-input', 'Give --data or --file, not both.');
  if (encoded && (opts.base64 || opts.gzip))
    throw new AppError(
      'invalid-input',
      '--schema encodes JSON data: it goes without --base64 and --gzip (--zlib compresses a GSR record).',
    );
  if (opts.data !== undefined) return { data: opts.data, encoding: encoded ? 'json' : opts.base64 ? 'base64' : 'text' };
  if (opts.file === undefined && process.stdin.isTTY)
    throw new AppError('invalid-input', 'Give the record with --data TEXT or --file PATH, or pipe it to standard input.');
  let bytes: Buffer;
  try {
    bytes = opts.file !== undefined ? await readFile(opts.file) : await readStdin();
  } catch (error) {
    throw new AppError('invalid-input', `Cannot read ${opts.file}: ${describeFileError(error, opts.file) ?? (error as Error).message}`);
  }
  // JSON to encode is text: the schema makes the bytes.
  if (encoded) return { data: bytes.toString('utf8'), encoding: 'json' };
  if (opts.base64) return { data: bytes.toString('utf8').trim(), encoding: 'base64' };
  return { data: bytes.toString('base64'), encoding: 'base64' };
}

export const putCommand = withYesFlag(
  withConnectionFlags(
    withWriteSchemaFlags(new Command('put'))
      .description('write one record (PutRecord) and print the shard and sequence number it got')
      .argument('<stream>', 'the stream name')
      .option('--partition-key <key>', 'the partition key (default: a random one, printed)')
      .option('--explicit-hash-key <n>', 'place the record by this hash key instead of the partition key')
      .option('--data <text>', 'the record, as text')
      .option('--file <path>', 'the record, the bytes of this file (default: standard input)')
      .option('--base64', 'the data given is base64: decode it before sending')
      .option('--gzip', 'gzip the data before sending')
      .option('--json', 'print the result as JSON'),
  ),
).action((stream: string, opts: PutOptions) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const schema = writeEncodingOf(opts);
    const payload = await dataOf(opts, schema !== undefined);
    const input = {
      stream,
      ...payload,
      ...(schema ? { schema } : {}),
      gzip: Boolean(opts.gzip),
      partitionKey: opts.partitionKey ?? null,
      explicitHashKey: opts.explicitHashKey ?? null,
    };
    // The plan refuses on a read-only connection, and names where the record lands for the confirmation.
    const plan = await call(app, 'writes:planPut', input);
    await confirmWrite({
      what: `put 1 record${plan.schema ? ` encoded with ${schemaWords(plan.schema)}` : ''}`,
      stream,
      target: plan.target,
      yes: opts.yes,
    });
    const result = await call(app, 'writes:put', { ...input, token: plan.token });
    if (opts.json) {
      console.log(terminalJson(result));
      return;
    }
    console.log(`${result.shardId}\t${result.sequenceNumber}`);
    note(`put ${result.bytes} bytes with partition key ${result.partitionKey} into ${result.shardId} of ${stream}`);
  }),
);
