import { DescribeStreamSummaryCommand, RegisterStreamConsumerCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumersSample, SessionStatus } from '../../shared/contract';
import { recordingOwner, startTestApp } from '../support/app';
import { runCli } from '../support/cli';
import { lambdaMapping, startFakeLambda, type FakeLambda } from '../support/fake-lambda';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { arrangeClient, createStream, uniqueName } from '../support/sdk';

describe('enhanced fan-out consumers and Lambda mappings, on kinesis-local with a Lambda stand-in on loopback', () => {
  let kinesis: RunningKinesisServer;
  let client: KinesisClient;
  let lambda: FakeLambda;
  let stream: string;
  let streamArn: string;

  beforeAll(async () => {
    kinesis = await startKinesisServer('kinesis-local');
    client = arrangeClient(kinesis);
    stream = uniqueName('readers');
    await createStream(client, stream, 2);
    streamArn = (await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary!.StreamARN!;
    for (const name of ['analytics', 'archiver'])
      await client.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: name }));
    lambda = await startFakeLambda({
      [streamArn]: [
        lambdaMapping(streamArn, 'enrich', { LastProcessingResult: 'PROBLEM: Function call failed' }),
        lambdaMapping(streamArn, 'index', {
          State: 'Disabled',
          BatchSize: 500,
          StartingPosition: 'LATEST',
          DestinationConfig: { OnFailure: { Destination: 'arn:aws:sns:us-east-1:123456789012:index-failures' } },
        }),
        lambdaMapping(streamArn, 'audit', {
          DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:audit-failures' } },
        }),
      ],
    });
  });
  afterAll(async () => {
    client?.destroy();
    await lambda?.close();
    await kinesis?.stop();
  });

  const cli = (env: NodeJS.ProcessEnv = {}) =>
    runCli(['consumers', stream, '--json', '--endpoint', kinesis.endpoint, '--region', kinesis.region], {
      env: { AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint, AWS_ACCESS_KEY_ID: 'AKIAALLOWED000000000', AWS_SECRET_ACCESS_KEY: 'x', ...env },
    });

  it('lists the enhanced fan-out consumers with their status and age, and every Lambda mapping across pages', async () => {
    const result = await cli();
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.enhancedFanOut.map((c: { name: string }) => c.name).sort()).toEqual(['analytics', 'archiver']);
    for (const c of report.enhancedFanOut) {
      expect(['CREATING', 'ACTIVE']).toContain(c.status);
      expect(Date.parse(c.createdAt)).toBeGreaterThan(Date.now() - 600_000);
    }
    expect(report.lambda).toEqual([
      expect.objectContaining({
        uuid: 'enrich',
        state: 'Enabled',
        batchSize: 100,
        lastProcessingResult: 'PROBLEM: Function call failed',
        onFailure: null,
      }),
      expect.objectContaining({
        uuid: 'index',
        state: 'Disabled',
        batchSize: 500,
        startingPosition: 'LATEST',
        onFailure: { destination: 'arn:aws:sns:us-east-1:123456789012:index-failures', queueUrl: null },
      }),
      expect.objectContaining({ uuid: 'audit', lastModified: '2026-11-28T08:00:00.000Z', stateReason: 'User action' }),
    ]);
    // An SQS destination's URL, at the connection's endpoint: where the Failures view reads its notices.
    expect(report.lambda[2].onFailure).toEqual({
      destination: 'arn:aws:sqs:us-east-1:123456789012:audit-failures',
      queueUrl: `${kinesis.endpoint.replace(/\/+$/, '')}/123456789012/audit-failures`,
    });
    // Asked by the stream's ARN, page by page, in Lambda's REST protocol.
    const asked = lambda.requests.filter((r) => r.query.EventSourceArn === streamArn);
    expect(asked.map((r) => [r.method, r.path, r.query.Marker ?? null])).toEqual([
      ['GET', '/2015-03-31/event-source-mappings', null],
      ['GET', '/2015-03-31/event-source-mappings', '2'],
    ]);
    // No DynamoDB named for a local Kinesis: that part says so, the others are still given.
    expect(report.unavailable.applications).toContain('names no DynamoDB endpoint');
  });

  it('says why Lambda could not be read when it is refused, and still reports the rest', async () => {
    const result = await cli({ AWS_ACCESS_KEY_ID: 'AKIADENIED0000000000' });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.lambda).toEqual([]);
    expect(report.unavailable.lambda).toContain('not authorized to perform: lambda:ListEventSourceMappings');
    expect(report.enhancedFanOut).toHaveLength(2);
  });

  it('sends each sample of a consumers session to its owner only, and ends with it', async () => {
    const app = await startTestApp({ connection: { kind: 'endpoint', endpoint: kinesis.endpoint, region: kinesis.region } });
    try {
      const [owner, other] = [recordingOwner(), recordingOwner()];
      const mine = await app.dispatch('consumers:start', { stream }, owner);
      const theirs = await app.dispatch('consumers:start', { stream }, other);
      if (!mine.ok || !theirs.ok) throw new Error('a consumers session did not start');
      const { sessionId } = mine.value as { sessionId: string };
      await expect.poll(() => owner.of('consumers:sample').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      expect(owner.of('consumers:sample').every((s: ConsumersSample) => s.sessionId === sessionId)).toBe(true);
      expect(other.of('consumers:sample').some((s: ConsumersSample) => s.sessionId === sessionId)).toBe(false);
      expect(owner.of('consumers:sample')[0]!.report.enhancedFanOut.items).toHaveLength(2);
      // The owner's transport goes away: its session ends with it; the other owner's goes on.
      owner.close();
      await app.sessions.closeOwner(owner.id);
      expect(app.sessions.list().map((s) => s.id)).toEqual([(theirs.value as { sessionId: string }).sessionId]);
      const statuses: SessionStatus[] = other.of('session:status');
      expect(statuses.every((s) => s.sessionId !== sessionId)).toBe(true);
    } finally {
      await app.stop();
    }
  });
});
