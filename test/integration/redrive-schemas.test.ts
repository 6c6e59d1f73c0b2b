import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKinesisClient } from '../../main/aws/clients';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION, startSandbox, type Sandbox } from '../../main/domain/sandbox/sandbox';
import { runCli } from '../support/cli';
import { invocationRecord } from '../support/invocation-records';
import { readAllRaw } from '../support/sdk';

// The records behind a notice are decoded as every reader decodes them: the sandbox's payments
// are Glue Schema Registry Avro, and redrive shows their fields, not their framed bytes.
describe('redrive decodes schema-encoded records', () => {
  let sandbox: Sandbox;
  const folder = mkdtempSync(path.join(tmpdir(), 'redrive-schemas-'));

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, recordsPerSecond: 200 });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it("shows a GSR Avro batch's records by their writer schema", async () => {
    const client = createKinesisClient({ region: SANDBOX_REGION, endpoint: sandbox.endpoint, credentials: SANDBOX_CREDENTIALS });
    let stored: Awaited<ReturnType<typeof readAllRaw>> = [];
    try {
      await expect.poll(async () => (stored = await readAllRaw(client, 'payments')).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    } finally {
      client.destroy();
    }
    const batch = stored.filter((r) => r.shardId === stored[0]!.shardId).slice(0, 3);
    const notice = invocationRecord({
      stream: 'payments',
      shardId: batch[0]!.shardId,
      start: batch[0]!.sequenceNumber,
      end: batch.at(-1)!.sequenceNumber,
      batchSize: batch.length,
    });
    const file = path.join(folder, 'notices.json');
    writeFileSync(file, JSON.stringify(notice));
    const result = await runCli([
      'redrive',
      '--from',
      file,
      '--json',
      '--endpoint',
      sandbox.endpoint,
      '--glue-endpoint',
      sandbox.glueEndpoint,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const printed = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { encoding: string; data: { paymentId?: string }; schema?: { format: string } });
    expect(printed).toHaveLength(3);
    for (const record of printed) {
      expect(record.schema?.format).toBe('AVRO');
      expect(record.data.paymentId).toMatch(/^pay-/);
    }
  }, 60_000);
});
