import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import type { ManualLoad } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { describeFileError } from '../../../core/file-error';
import { capacityText } from '../capacity-view';
import { call, withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { terminalJson } from '../terminal-text';

interface CapacityOptions extends ConnectionFlags {
  days: number;
  prices?: string;
  json?: boolean;
  recordsPerSec?: number;
  bytesPerSec?: number;
  averageRecordsPerSec?: number;
  averageBytesPerSec?: number;
  consumers?: number;
  efoConsumers?: number;
  retentionHours?: number;
}

const number =
  (what: string, whole = false) =>
  (text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (whole && !Number.isInteger(value)))
      throw new InvalidArgumentError(`${what} is a ${whole ? 'whole ' : ''}number of 0 or more.`);
    return value;
  };

export async function priceFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('invalid-input', `--prices: ${describeFileError(error, file) ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid-input', `--prices: ${file} is not JSON (${(error as Error).message}).`);
  }
}

function manualLoad(opts: CapacityOptions): ManualLoad | undefined {
  const given = opts.recordsPerSec !== undefined || opts.bytesPerSec !== undefined;
  if (!given) return undefined;
  if (opts.recordsPerSec === undefined || opts.bytesPerSec === undefined)
    throw new AppError('invalid-input', 'Give both --records-per-sec and --bytes-per-sec (the peak load).');
  return {
    peakRecordsPerSec: opts.recordsPerSec,
    peakBytesPerSec: opts.bytesPerSec,
    ...(opts.averageRecordsPerSec !== undefined ? { averageRecordsPerSec: opts.averageRecordsPerSec } : {}),
    ...(opts.averageBytesPerSec !== undefined ? { averageBytesPerSec: opts.averageBytesPerSec } : {}),
    ...(opts.consumers !== undefined ? { sharedConsumers: opts.consumers } : {}),
    ...(opts.efoConsumers !== undefined ? { efoConsumers: opts.efoConsumers } : {}),
    ...(opts.retentionHours !== undefined ? { retentionHours: opts.retentionHours } : {}),
  };
}

export const capacityCommand = withConnectionFlags(
  new Command('capacity')
    .description('the shards a stream needs at peak and its monthly cost, provisioned and on-demand, and which is cheaper')
    .argument('[stream]', "the stream: its load from CloudWatch's last days, its retention and consumers from the stream")
    .option('--days <n>', 'days of CloudWatch history to read, 1 to 14', number('--days', true), 14)
    .option('--records-per-sec <n>', 'peak records a second, instead of CloudWatch (with --bytes-per-sec)', number('--records-per-sec'))
    .option('--bytes-per-sec <n>', 'peak bytes a second, instead of CloudWatch (with --records-per-sec)', number('--bytes-per-sec'))
    .option('--average-records-per-sec <n>', 'average records a second (default: the peak)', number('--average-records-per-sec'))
    .option('--average-bytes-per-sec <n>', 'average bytes a second (default: the peak)', number('--average-bytes-per-sec'))
    .option('--consumers <n>', 'shared-throughput consumers, each reading every byte (default 1)', number('--consumers', true))
    .option('--efo-consumers <n>', "enhanced fan-out consumers (default: the stream's, or 0)", number('--efo-consumers', true))
    .option('--retention-hours <n>', "retention in hours (default: the stream's, or 24)", number('--retention-hours', true))
    .option('--prices <file>', 'a price table (JSON) to use instead of the built-in one')
    .option('--json', 'print the estimate as JSON'),
).action((stream: string | undefined, opts: CapacityOptions) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const load = manualLoad(opts);
    if (stream === undefined && load === undefined)
      throw new AppError('invalid-input', 'Name a stream, or give a load with --records-per-sec and --bytes-per-sec.');
    const prices = opts.prices !== undefined ? await priceFile(opts.prices) : undefined;
    const estimate = await call(app, 'capacity:estimate', {
      ...(stream !== undefined ? { name: stream } : {}),
      days: opts.days,
      ...(load ? { load } : {}),
      // Checked against the contract's price table schema in main, which names each wrong field.
      ...(prices !== undefined ? { prices: prices as never } : {}),
    });
    console.log(opts.json ? terminalJson(estimate, 2) : capacityText(estimate, stream));
  }),
);
