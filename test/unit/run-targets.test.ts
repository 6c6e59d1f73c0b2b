import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/app-error';
import { checkTargetOptions, openRunTarget } from '../../main/domain/runs/run-targets';
import { unitToken } from '../../main/domain/runs/s3-run-objects';
import { runSpecSchema } from '../../shared/contract/runs';

const spec = (extra: Record<string, unknown>) =>
  runSpecSchema.parse({ stream: 'orders', from: { type: 'TRIM_HORIZON' }, until: { type: 'caught-up' }, format: 'jsonl', ...extra });

const refusal = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
};

describe('the options only an S3 prefix takes', () => {
  it('refuses encryption, a KMS key or a storage class on a folder, naming what was given', () => {
    const error = refusal(() => checkTargetOptions(spec({ folder: '/tmp/out', sse: 'AES256', storageClass: 'GLACIER' })));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(
      'server-side encryption and a storage class apply only to a run into an S3 prefix; /tmp/out is a local folder.',
    );
  });

  it('refuses a KMS key without aws:kms, on S3 as well', () => {
    for (const sse of [undefined, 'AES256'])
      expect(
        refusal(() => checkTargetOptions(spec({ folder: 's3://b-1/p/', kmsKeyId: 'alias/k', ...(sse ? { sse } : {}) }))).message,
      ).toContain('A KMS key is used only with aws:kms');
    expect(() =>
      checkTargetOptions(spec({ folder: 's3://b-1/p/', sse: 'aws:kms', kmsKeyId: 'alias/k', storageClass: 'STANDARD_IA' })),
    ).not.toThrow();
  });

  it('checks the options before any target is made, and refuses a read-only connection before any client is', async () => {
    let clients = 0;
    const places = {
      dataDir: '/nonexistent',
      connection: { label: 'prod', readOnly: true },
      s3Client: async () => {
        clients++;
        throw new Error('no client should be made');
      },
    };
    await expect(openRunTarget(spec({ folder: '/tmp/out', sse: 'AES256' }), places)).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(openRunTarget(spec({ folder: 's3://b-1/p' }), places)).rejects.toMatchObject({
      name: 'ReadOnlyConnectionError',
      message: '"prod" is a read-only connection: Shardscope will not call PutObject on s3://b-1/p/.',
    });
    expect(clients).toBe(0);
  });
});

describe('the token that names a pending unit', () => {
  const pending = {
    files: [{ temp: '.part-00003.jsonl', name: 'part-00003.jsonl', records: 10, bytes: 900 }],
    shards: {
      'shardId-1': { sequenceNumber: '20', subSequenceNumber: null, state: 'reading' as const },
      'shardId-0': { sequenceNumber: '10', subSequenceNumber: null, state: 'reading' as const },
    },
    totals: { records: 10, bytes: 900, rejects: 0, rejectsBytes: 0, seen: 10 },
  };

  it('is the same whatever order run.json gave the shards in, and differs for another unit of the same part number', () => {
    const reordered = { ...pending, shards: { 'shardId-0': pending.shards['shardId-0'], 'shardId-1': pending.shards['shardId-1'] } };
    expect(unitToken(reordered)).toBe(unitToken(pending));
    const further = { ...pending, shards: { ...pending.shards, 'shardId-1': { ...pending.shards['shardId-1'], sequenceNumber: '21' } } };
    expect(unitToken(further)).not.toBe(unitToken(pending));
  });
});
