import { describe, expect, it } from 'vitest';
import { runSpecSchema, type RunSummary } from '../../shared/contract';
import { outputKind, outputProblem } from './run-output';
import { buildSpec, valuesFrom, type RunFormValues } from './useRunForm';

const summary = (spec: Record<string, unknown>): RunSummary =>
  ({
    folder: spec.folder,
    stream: 'orders',
    format: 'parquet',
    spec: runSpecSchema.parse({
      stream: 'orders',
      from: { type: 'TRIM_HORIZON' },
      until: { type: 'caught-up' },
      format: 'parquet',
      ...spec,
    }),
  }) as RunSummary;

function specOf(values: RunFormValues) {
  const built = buildSpec(values);
  if ('error' in built) throw new Error(built.error);
  // What the form sends is what the contract takes.
  return runSpecSchema.parse(built.spec);
}

describe("the Runs form's output", () => {
  it('tells a folder from an S3 prefix, and checks a prefix by the rules main applies', () => {
    expect(outputKind('')).toBe('empty');
    expect(outputKind('/data/orders')).toBe('folder');
    expect(outputKind(' S3://lake/orders/')).toBe('s3');
    expect(outputProblem('s3://lake/orders/')).toBeNull();
    expect(outputProblem('/data/orders')).toBeNull();
    expect(outputProblem('s3://lake/a//b/')).toBe(
      '"s3://lake/a//b/" is not an S3 location: its prefix has an empty, "." or ".." segment (e.g. s3://my-bucket/runs/orders/).',
    );
    expect(outputProblem('orders')).toMatch(/^A folder is a full path/);
  });

  it('sends the encryption and storage class for an S3 prefix only, and the KMS key only with aws:kms', () => {
    const s3 = valuesFrom(summary({ folder: 's3://lake/orders/', sse: 'aws:kms', kmsKeyId: 'alias/lake', storageClass: 'STANDARD_IA' }));
    expect(specOf({ ...s3, folder: 's3://lake/orders-2/' })).toMatchObject({
      folder: 's3://lake/orders-2/',
      sse: 'aws:kms',
      kmsKeyId: 'alias/lake',
      storageClass: 'STANDARD_IA',
    });
    const aes = specOf({ ...s3, folder: 's3://lake/orders-2/', sse: 'AES256' });
    expect(aes.sse).toBe('AES256');
    expect(aes).not.toHaveProperty('kmsKeyId');
    const folder = specOf({ ...s3, folder: '/data/orders' });
    expect(folder).not.toHaveProperty('sse');
    expect(folder).not.toHaveProperty('storageClass');
    expect(buildSpec({ ...s3, folder: 's3://ab/x/' })).toEqual({
      error: '"s3://ab/x/" is not an S3 location: a bucket name is 3 to 63 characters long (e.g. s3://my-bucket/runs/orders/).',
    });
  });

  it('runs again into a fresh prefix beside the old one, keeping its S3 options', () => {
    const again = valuesFrom(summary({ folder: 's3://lake/runs/orders/', sse: 'AES256', storageClass: 'GLACIER_IR' }));
    expect(again).toMatchObject({ folder: 's3://lake/runs/orders-again/', sse: 'AES256', kmsKeyId: '', storageClass: 'GLACIER_IR' });
    expect(valuesFrom(summary({ folder: '/data/orders' }))).toMatchObject({
      folder: '/data/orders-again',
      sse: 'none',
      storageClass: 'default',
    });
  });
});
