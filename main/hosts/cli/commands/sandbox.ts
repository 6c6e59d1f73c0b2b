import { Command } from 'commander';
import { isRefreshableSandboxProfile, sandboxProfile, SANDBOX_PROFILE, startStandaloneSandbox, type Sandbox } from '../../../app/sandbox';
import { countOf } from '../../../../shared/plural';
import { call, withCliApp } from '../cli-app';
import { note } from '../output';
import { parsePort, parsePositive } from '../parse';
import { untilInterrupted } from '../run';

/**
 * Saves (or refreshes) the `sandbox` connection so that other commands reach this sandbox by
 * name, and says what to type next. A connection of that name the user made for something else
 * is left alone, with the flags that reach the sandbox instead.
 */
async function saveSandboxConnection(sandbox: Sandbox): Promise<void> {
  await withCliApp('none', async (app) => {
    const { profiles } = await call(app, 'connections:list', {});
    const existing = profiles.find((p) => p.name === SANDBOX_PROFILE);
    if (existing && !isRefreshableSandboxProfile(existing)) {
      note(`A saved connection named "${SANDBOX_PROFILE}" already exists and is not a local sandbox one, so it was left as it is.`);
      console.log(`Next, try: shardscope streams --endpoint ${sandbox.endpoint}`);
      return;
    }
    await call(app, 'connections:save', {
      ...(existing ? { originalName: SANDBOX_PROFILE } : {}),
      profile: sandboxProfile(sandbox),
    });
    console.log(`connection: ${SANDBOX_PROFILE} (saved; it reaches this sandbox while it runs)`);
    console.log(`Next, try: shardscope streams --profile ${SANDBOX_PROFILE}`);
  });
}

export const sandboxCommand = new Command('sandbox')
  .description('run the local Kinesis sandbox for any AWS client to use, saved as the connection "sandbox"')
  .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4567)
  .option('--host <host>', 'loopback address to listen on (127.0.0.1, ::1 or localhost)', '127.0.0.1')
  .option('--no-demo', 'start empty: no demo streams, no producer')
  .option('--data <dir>', 'keep the data in this folder instead of in memory')
  .option('--rate <records/s>', 'demo producer rate, in Kinesis records per second', parsePositive, 25)
  .option('--no-save', 'do not save or refresh the connection named "sandbox"')
  .action(async (opts: { port: number; host: string; demo: boolean; data?: string; rate: number; save: boolean }) => {
    const sandbox = await startStandaloneSandbox({
      host: opts.host,
      port: opts.port,
      dataDir: opts.data,
      demo: opts.demo,
      recordsPerSecond: opts.rate,
    });
    try {
      console.log(`endpoint: ${sandbox.endpoint}`);
      console.log(`dynamodb endpoint: ${sandbox.dynamodbEndpoint} (KCL lease tables)`);
      console.log(`glue endpoint: ${sandbox.glueEndpoint} (Glue Schema Registry)`);
      console.log(`schema registry: ${sandbox.confluentRegistryEndpoint} (Confluent-compatible)`);
      // s3rver, unlike kinesalite, refuses an access key id it was not told of.
      console.log(`s3 endpoint: ${sandbox.s3Endpoint} (bucket ${sandbox.s3Bucket}; access key SANDBOX, secret SANDBOX; path-style)`);
      console.log(`region: ${sandbox.region} (any access key works)`);
      if (opts.demo)
        console.log(
          `demo streams: ${sandbox.demoStreams.map((s) => `${s.name} (${countOf(s.shards, 'shard')})`).join(', ')}; writing ${opts.rate} records/s`,
        );
      if (opts.save) await saveSandboxConnection(sandbox);
      console.log('Press Ctrl+C to stop.');
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
    await untilInterrupted();
    await sandbox.stop();
  });
