import { IncreaseStreamRetentionPeriodCommand } from '@aws-sdk/client-kinesis';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PRICES } from '../../main/domain/capacity/prices';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream } from '../support/sdk';

describe('shardscope capacity', () => {
  let server: RunningKinesisServer;
  const flags = () => ['--endpoint', server.endpoint];
  const dir = mkdtempSync(path.join(tmpdir(), 'shardscope-prices-'));
  const load = ['--records-per-sec', '100', '--bytes-per-sec', String(100 * 35 * 1024)];

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, 'clicks', 1);
    await client.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'clicks', RetentionPeriodHours: 72 }));
    client.destroy();
  });
  afterAll(() => server?.stop());

  it('plans a stream that does not exist yet from a load given by hand', async () => {
    const result = await runCli(['capacity', ...load, ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^planned stream in us-east-1 \(load: given by hand\)$/m);
    expect(result.stdout).toMatch(/^Shards needed at peak: 4 \(by bytes in; records in 1, bytes in 4, bytes out 2\)$/m);
    expect(result.stdout).toMatch(/^Provisioned: \$\d+\.\d\d a month$/m);
    expect(result.stdout).toMatch(/^ {2}Shard-hours +2,920 shard-hour +@ \$0\.015 +\$43\.80$/m);
    expect(result.stdout).toMatch(
      /^(Provisioned|On-demand) is cheaper by \$\d+\.\d\d a month\. Utilisation \(average \/ peak\) is 100\.0 %\./m,
    );
  });

  it("takes a named stream's retention, and prints JSON", async () => {
    const result = await runCli([
      'capacity',
      'clicks',
      ...load,
      '--average-bytes-per-sec',
      '1000',
      '--average-records-per-sec',
      '1',
      '--json',
      ...flags(),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const estimate = JSON.parse(result.stdout);
    expect(estimate.profile).toMatchObject({ retentionHours: 72, averageRecordsPerSec: 1, averageBytesPerSec: 1000 });
    expect(estimate.provisioned.lines.map((l: { item: string }) => l.item)).toContain('Extended retention (24 h to 7 days)');
    expect(estimate.prices).toMatchObject({ region: 'us-east-1', fromFile: false, takenOn: BUILT_IN_PRICES.takenOn });
  });

  it('says CloudWatch has no figures off AWS, and how to give the load instead', async () => {
    const result = await runCli(['capacity', 'clicks', ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No load figures for clicks: CloudWatch metrics exist only on AWS');
    expect(result.stderr).toContain('Give the load by hand with --records-per-sec and --bytes-per-sec.');
  });

  it('uses a prices file, and names what is wrong with a bad one', async () => {
    const halved = structuredClone(BUILT_IN_PRICES);
    halved.regions['us-east-1']!.provisioned.shardHour = 0.0075;
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(halved));
    const used = await runCli(['capacity', ...load, '--prices', good, '--json', ...flags()]);
    expect(used.code, used.stderr).toBe(0);
    expect(JSON.parse(used.stdout).provisioned.lines[0]).toMatchObject({ item: 'Shard-hours', cost: 21.9 });

    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...halved, regions: { 'us-east-1': { ...halved.regions['us-east-1'], provisioned: { shardHour: -1 } } } }),
    );
    const refused = await runCli(['capacity', ...load, '--prices', bad, ...flags()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('shardHour');

    const notJson = path.join(dir, 'not.json');
    writeFileSync(notJson, 'shard-hour: 0.015');
    expect((await runCli(['capacity', ...load, '--prices', notJson, ...flags()])).stderr).toContain(`--prices: ${notJson} is not JSON`);

    const elsewhere = await runCli(['capacity', ...load, '--region', 'eu-west-1', ...flags()]);
    expect(elsewhere.stderr).toContain('The built-in price table has no prices for eu-west-1 (it has us-east-1).');
    expect(elsewhere.stderr).toContain('--prices FILE');
  });

  it('refuses half a load and a bad number', async () => {
    expect((await runCli(['capacity', '--records-per-sec', '10', ...flags()])).stderr).toContain(
      'Give both --records-per-sec and --bytes-per-sec',
    );
    const bad = await runCli(['capacity', '--records-per-sec', 'lots', '--bytes-per-sec', '1', ...flags()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--records-per-sec is a number of 0 or more.');
  });
});
