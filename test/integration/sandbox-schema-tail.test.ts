import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

interface PrintedRecord {
  encoding: string;
  data: Record<string, unknown>;
  schema?: { registry: string; name: string; version: number | null; id: string; format: string };
}

const printed = (stdout: string): PrintedRecord[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as PrintedRecord);

// The sandbox's demos are written through its Glue Schema Registry: a reader on the sandbox
// connection resolves each record's version there, with no binding and no flag.
describe('schema-encoded demo streams, read from the sandbox by the CLI', () => {
  it('prints payments as decoded Avro with the schema that wrote each record', async () => {
    const result = await runCli(['tail', 'payments', '--sandbox', '--from', 'oldest', '--limit', '3', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const records = printed(result.stdout);
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record.encoding).toBe('json');
      expect(record.data).toMatchObject({ paymentId: expect.stringMatching(/^pay-\d+$/), amount: expect.stringMatching(/^\d+\.\d\d$/) });
      expect(record.schema).toMatchObject({ registry: 'shardscope-demo', name: 'payments', format: 'AVRO' });
      expect([1, 2]).toContain(record.schema!.version);
    }
  });

  it('prints telemetry as decoded Protobuf, and search filters on its decoded fields', async () => {
    const result = await runCli(['tail', 'telemetry', '--sandbox', '--from', 'oldest', '--limit', '1', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [record] = printed(result.stdout);
    expect(record!.schema).toMatchObject({ registry: 'shardscope-demo', name: 'telemetry', version: 1, format: 'PROTOBUF' });
    expect(record!.data).toMatchObject({ device_id: expect.stringMatching(/^[a-z]+-\d+$/), location: expect.any(Object) });

    // A new sandbox has written little yet: the window runs 20 s ahead, and two matches end it.
    const until = new Date(Date.now() + 20_000).toISOString();
    const where = 'data.paymentId.startsWith("pay-") && data.currency in ["USD", "EUR", "GBP", "JPY"]';
    const search = await runCli([
      'search',
      'payments',
      '--sandbox',
      '--from',
      'oldest',
      '--until',
      until,
      '--where',
      where,
      '--limit',
      '2',
      '--json',
    ]);
    expect(search.code, search.stderr).toBe(0);
    const found = printed(search.stdout);
    expect(found).toHaveLength(2);
    expect(found.every((r) => r.schema?.name === 'payments' && typeof r.data.currency === 'string')).toBe(true);
  });
});
