import { Command, InvalidArgumentError } from 'commander';
import { startSandbox } from '../../../domain/sandbox/sandbox';
import { demoStreams } from '../../../domain/sandbox/demo-data';
import { parsePositive } from '../parse';
import { untilInterrupted } from '../run';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}

export const sandboxCommand = new Command('sandbox')
  .description('run the local Kinesis sandbox for any AWS client to use')
  .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4567)
  .option('--host <host>', 'loopback address to listen on (127.0.0.1, ::1 or localhost)', '127.0.0.1')
  .option('--no-demo', 'start empty: no demo streams, no producer')
  .option('--data <dir>', 'keep the data in this folder instead of in memory')
  .option('--rate <records/s>', 'demo producer rate, in Kinesis records per second', parsePositive, 25)
  .action(async (opts: { port: number; host: string; demo: boolean; data?: string; rate: number }) => {
    const sandbox = await startSandbox({
      host: opts.host,
      port: opts.port,
      dataDir: opts.data,
      demo: opts.demo,
      recordsPerSecond: opts.rate,
    });
    console.log(`endpoint: ${sandbox.endpoint}`);
    console.log(`dynamodb endpoint: ${sandbox.dynamodbEndpoint} (KCL lease tables)`);
    console.log(`region: ${sandbox.region} (any access key works)`);
    if (opts.demo)
      console.log(`demo streams: ${demoStreams.map((s) => `${s.name} (${s.shards} shards)`).join(', ')}; writing ${opts.rate} records/s`);
    console.log('Press Ctrl+C to stop.');
    await untilInterrupted();
    await sandbox.stop();
  });
