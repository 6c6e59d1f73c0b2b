import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../main/core/dispatcher';
import { createOwner, nobody } from '../../main/core/sessions/session-owner';
import { Session } from '../../main/core/sessions/session';
import { RunFiles } from '../../main/domain/runs/run-files';
import { FolderTarget } from '../../main/domain/runs/folder-target';
import { jsonLinesFormat } from '../../main/domain/runs/formats/jsonl';
import { newManifest, REJECTS } from '../../main/domain/runs/manifest';
import { RunHistory } from '../../main/domain/runs/run-history';
import { callNames, type EventTopic, type PreviewRecord } from '../../shared/contract';
import { tempDataDir } from '../support/app';

const TOKEN = `CANARYTOKEN${randomBytes(16).toString('hex')}`;
const QUOTED = `The request signature we calculated does not match.\n'POST\n/\n\nx-amz-security-token:${TOKEN}\n'`;
// Long base64 and 40-character names look like credentials to the message rules, and are data.
const PAGE_TOKEN = 'A'.repeat(60) + 'b1'.repeat(40);
const LONG_NAME = 'orders2026processedeventsfromcheckoutsvc';

const handlers = (overrides: Partial<Handlers>): Handlers =>
  ({
    ...Object.fromEntries(callNames.map((name) => [name, async () => Promise.reject(new Error(`${name} is not under test`))])),
    ...overrides,
  }) as Handlers;

const record = (text: string): PreviewRecord => ({
  id: 'shardId-000000000000/1/null',
  shardId: 'shardId-000000000000',
  sequenceNumber: '1',
  subSequenceNumber: null,
  partitionKey: `x-amz-security-token:${TOKEN}`,
  arrivalTime: '2026-12-06T00:00:00.000Z',
  size: text.length,
  compression: null,
  encoding: 'text',
  text,
  truncated: false,
  error: QUOTED,
});

class StoppingSession extends Session {
  readonly kind = 'preview' as const;
  protected async begin(): Promise<void> {}
  protected async end(): Promise<void> {}
}

describe('what leaves main is scrubbed in one place', () => {
  it('the dispatcher redacts a quoted token in any answer, and keeps names and page tokens', async () => {
    const dispatch = createDispatcher(
      handlers({
        'connections:test': async () => ({ ok: false, check: 'kinesis:ListStreams', account: null, arn: null, message: QUOTED, fix: null }),
        'streams:names': async () => ({
          streams: [{ name: LONG_NAME, status: 'ACTIVE', mode: null, openShards: 1, retentionHours: 24 }],
          detailsComplete: true,
        }),
        'streams:summaries': async () => ({ summaries: [], gone: [PAGE_TOKEN], partialErrors: [{ name: LONG_NAME, message: QUOTED }] }),
      }),
    );
    const tested = JSON.stringify(await dispatch('connections:test', { name: 'x' }, nobody));
    expect(tested).toContain('x-amz-security-token:[redacted]');
    expect(tested).not.toContain(TOKEN);
    expect(await dispatch('streams:names', {}, nobody)).toMatchObject({ ok: true, value: { streams: [{ name: LONG_NAME }] } });
    const summaries = await dispatch('streams:summaries', { names: [LONG_NAME] }, nobody);
    expect(summaries).toMatchObject({ ok: true, value: { gone: [PAGE_TOKEN], partialErrors: [{ name: LONG_NAME }] } });
    expect(JSON.stringify(summaries)).not.toContain(TOKEN);
  });

  it("an owner's events are redacted, a record's own content is not", () => {
    const delivered: [EventTopic, unknown][] = [];
    const owner = createOwner('o', (topic, payload) => delivered.push([topic, payload]));
    const content = `{"note":"x-amz-security-token:${TOKEN}"}`;
    owner.send('preview:records', { sessionId: 's', records: [record(content)], dropped: 0 });
    owner.send('session:status', { sessionId: 's', kind: 'preview', state: 'stopped', stoppedBy: 'error', reason: QUOTED });
    const [[, batch], [, status]] = delivered as [[EventTopic, { records: PreviewRecord[] }], [EventTopic, { reason: string }]];
    expect(batch.records[0]).toMatchObject({ text: content, partitionKey: `x-amz-security-token:${TOKEN}` });
    expect(batch.records[0]!.error).toContain('[redacted]');
    expect(status.reason).toContain('x-amz-security-token:[redacted]');
  });

  it("a session's stop reason is redacted once, for every later reader", async () => {
    const session = new StoppingSession('s', nobody);
    await session.start();
    const status = await session.stop('error', QUOTED);
    expect(status.reason).toContain('[redacted]');
    expect(session.stopReason).not.toContain(TOKEN);
  });

  it('run history and a run’s rejects keep the reason without the token, and the record whole', async () => {
    const dataDir = tempDataDir();
    const history = new RunHistory(dataDir);
    const spec = { stream: 's', from: { type: 'TRIM_HORIZON' as const }, until: { type: 'caught-up' as const }, format: 'jsonl' as const };
    const summary = {
      folder: dataDir,
      stream: 's',
      format: 'jsonl' as const,
      startedAt: '',
      endedAt: '',
      records: 0,
      files: 0,
      rejects: 0,
    };
    await history.add({ ...summary, shards: 1, seconds: 1, outcome: 'failed', reason: QUOTED });
    const saved = await readFile(path.join(dataDir, 'runs-history.jsonl'), 'utf8');
    expect(saved).toContain('[redacted]');
    expect(saved).not.toContain(TOKEN);

    const folder = path.join(dataDir, 'run');
    await mkdir(folder);
    const files = new RunFiles(new FolderTarget(folder), jsonLinesFormat(false), newManifest({ ...spec, folder } as never));
    const kept = {
      shardId: 'shardId-0',
      sequenceNumber: '1',
      partitionKey: 'k',
      arrivalTime: '',
      size: 1,
      compression: null,
      encoding: 'text' as const,
      data: 'x',
    };
    files.reject(kept, QUOTED);
    await files.commit();
    const [line] = (await readFile(path.join(folder, REJECTS), 'utf8')).trim().split('\n');
    expect(JSON.parse(line!)).toEqual({ reason: expect.stringContaining('[redacted]'), record: kept });
    expect(line).not.toContain(TOKEN);
  });
});
