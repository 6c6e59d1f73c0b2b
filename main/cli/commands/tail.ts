import { Command, InvalidArgumentError } from 'commander';
import { parsePosition, PositionError } from '../../../shared/positions';
import { createClientFor } from '../../connections/target';
import { decodeRecord, type DecodedRecord } from '../../decode/record';
import { AppError } from '../../dispatch/app-error';
import { ReadSession } from '../../reader/read-session';
import { withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { untilInterrupted } from '../run';
import { parsePositive } from './sandbox';

interface TailOptions extends ConnectionFlags {
  from: string;
  shard?: string;
  limit?: number;
  until?: string;
  json?: boolean;
}

/** One JSON line per user record: data is the parsed JSON, the text, or base64 of the bytes. */
export function jsonLine(record: DecodedRecord): string {
  return JSON.stringify({
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    ...(record.subSequenceNumber !== null ? { subSequenceNumber: record.subSequenceNumber } : {}),
    partitionKey: record.partitionKey,
    arrivalTime: record.arrivalTime,
    size: record.size,
    compression: record.compression,
    encoding: record.encoding,
    data: record.encoding === 'binary' ? (record.value as Buffer).toString('base64') : record.value,
  });
}

function textLine(record: DecodedRecord): string {
  const body = record.encoding === 'json' ? JSON.stringify(record.value) : record.encoding === 'text' ? String(record.value) : `(binary, ${record.bytes.length} bytes) ${record.bytes.subarray(0, 48).toString('hex')}`;
  const sub = record.subSequenceNumber !== null ? `/${record.subSequenceNumber}` : '';
  return `${record.arrivalTime} ${record.shardId} ${record.sequenceNumber}${sub} ${record.partitionKey}  ${body.replace(/\s+/g, ' ').slice(0, 500)}`;
}

export const tailCommand = withConnectionFlags(
  new Command('tail')
    .description('print records as they arrive, from any position, across all shards')
    .argument('<stream>', 'the stream name')
    .option('--from <position>', 'TRIM_HORIZON, LATEST, AT_TIMESTAMP:<ISO-8601 or -15m>, AT_SEQUENCE_NUMBER:<seq>, AFTER_SEQUENCE_NUMBER:<seq>', 'LATEST')
    .option('--shard <id>', 'read this shard only (needed with the sequence-number positions)')
    .option('--limit <n>', 'stop after this many records', parsePositive)
    .option('--until <condition>', 'caught-up: stop once every shard has no records left', (value) => {
      if (value !== 'caught-up') throw new InvalidArgumentError('the only condition is caught-up.');
      return value;
    })
    .option('--json', 'one JSON object per line and per user record'),
).action((stream: string, opts: TailOptions) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    let position;
    try {
      position = parsePosition(opts.from, opts.shard);
    } catch (error) {
      if (error instanceof PositionError) throw new AppError('invalid-input', error.message);
      throw error;
    }
    const client = createClientFor(app.connections.target(), { maxAttempts: 1 });
    let printed = 0;
    let finish!: (reason: string | null) => void;
    const finished = new Promise<string | null>((resolve) => (finish = resolve));
    const session = new ReadSession({
      client,
      stream,
      position,
      shardIds: opts.shard ? [opts.shard] : undefined,
      onRecords: (shardId, records) => {
        for (const record of records) {
          for (const decoded of decodeRecord(shardId, record)) {
            if (opts.limit !== undefined && printed >= opts.limit) return finish(null);
            process.stdout.write(`${opts.json ? jsonLine(decoded) : textLine(decoded)}\n`);
            printed++;
          }
        }
        if (opts.limit !== undefined && printed >= opts.limit) finish(null);
      },
      onStopped: (reason) => finish(reason),
    });
    const watcher = opts.until ? setInterval(() => session.isCaughtUp() && finish(null), 100) : null;
    try {
      await session.start();
      const reason = await Promise.race([finished, untilInterrupted().then(() => null)]);
      if (reason) throw new AppError('aws', reason);
    } finally {
      if (watcher) clearInterval(watcher);
      await session.stop();
      client.destroy();
    }
  }),
);
