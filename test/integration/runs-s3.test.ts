import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_BUCKET } from '../../main/domain/sandbox/s3-server';
import { runCli } from '../support/cli';
import {
  countParts,
  downloadWithAwsCli,
  ingestArgs,
  killAfterParts,
  manifestIn,
  numberedStream,
  prefixUrl,
  S3_ENV,
  startS3RunWorld,
  type S3RunWorld,
} from '../support/s3-runs';

let world: S3RunWorld;

beforeAll(async () => {
  world = await startS3RunWorld();
});
afterAll(async () => {
  await world?.stop();
});

const headersOf = (key: string) => world.s3.hooks.writeHeaders.filter((entry) => entry.key === key).map((entry) => entry.headers);

describe('a run into an S3 prefix', () => {
  it('lands every record exactly once across two SIGKILLs and resumes, read back by the AWS CLI and counted by DuckDB', async () => {
    const stream = await numberedStream(world, 1_200);
    const prefix = 'crash-run';
    // Small parts and a slow rate make many commits, so the kills land among them.
    const args = ingestArgs(world, stream, prefix, ['--max-file-size', '6KiB', '--rate', '700']);
    await killAfterParts(world, [...args, '--sse', 'AES256', '--storage-class', 'STANDARD_IA'], prefix, 2);
    await killAfterParts(world, [...args, '--resume'], prefix, 2);
    const finished = await runCli([...args, '--resume', '--json'], { env: S3_ENV, timeoutMs: 60_000 });
    expect(finished.code, finished.stderr).toBe(0);
    const summary = JSON.parse(finished.stdout);
    expect(summary).toMatchObject({ outcome: 'completed', records: 1_200, folder: prefixUrl(prefix) });

    const dir = await downloadWithAwsCli(world, prefix);
    expect(await countParts(dir)).toEqual({ rows: 1_200, distinct: 1_200, low: 0, high: 1_199 });
    const manifest = await manifestIn(world, prefix);
    expect(manifest).toMatchObject({ status: 'completed', pending: null, totals: { records: 1_200 } });
    // Nothing half-uploaded is left to pay for.
    const uploads = await world.s3Client.send(new ListMultipartUploadsCommand({ Bucket: SANDBOX_BUCKET, Prefix: `${prefix}/` }));
    expect(uploads.Uploads ?? []).toEqual([]);

    // The encryption asked for at the start stays the run's after resumes that did not repeat it;
    // the storage class is for data files, run.json keeps the default.
    const parts = manifest!.files.map((file) => `${prefix}/${file.name}`);
    for (const key of [parts[0]!, parts.at(-1)!])
      expect(headersOf(key)).toContainEqual({ 'x-amz-server-side-encryption': 'AES256', 'x-amz-storage-class': 'STANDARD_IA' });
    const manifestWrites = headersOf(`${prefix}/run.json`);
    expect(manifestWrites.length).toBeGreaterThan(3);
    for (const headers of manifestWrites) expect(headers).toEqual({ 'x-amz-server-side-encryption': 'AES256' });
  });

  it('sends SSE-KMS with its key on every object, rejects included', async () => {
    const stream = await numberedStream(world, 60);
    const prefix = 'kms-run';
    // Records with no field "missing" are rejected by a mapping that requires it, so a rejects piece is written.
    const args = ingestArgs(world, stream, prefix, [
      '--sse',
      'aws:kms',
      '--kms-key',
      'alias/runs',
      '--map',
      '$exists(missing) ? $ : $error("no field missing")',
      '--until',
      'count:60',
    ]);
    // Not quiet: its progress lines (stderr is a pipe here) name the prefix.
    const finished = await runCli([...args.filter((arg) => arg !== '--quiet'), '--json'], { env: S3_ENV });
    expect(finished.code, finished.stderr).toBe(0);
    expect(JSON.parse(finished.stdout)).toMatchObject({ outcome: 'completed', records: 0, rejects: 60 });
    expect(finished.stderr).toContain(`into ${prefixUrl(prefix)}\n`);
    const manifest = await manifestIn(world, prefix);
    const rejects = (manifest as unknown as { rejectFiles: string[] }).rejectFiles;
    expect(rejects.length).toBeGreaterThan(0);
    const kms = { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/runs' };
    expect(headersOf(`${prefix}/${rejects[0]}`)).toEqual([kms]);
    for (const headers of headersOf(`${prefix}/run.json`)) expect(headers).toEqual(kms);
  });
});
