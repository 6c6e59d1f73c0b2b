import { describe, expect, it } from 'vitest';
import { formatS3Location, parseS3Location } from '../../main/domain/engine/objects/s3-location';
import { permissionCheckInputSchema } from '../../shared/contract/permissions';
import { pipelineRequestSchema } from '../../shared/contract/pipelines';

describe('parseS3Location', () => {
  it('takes a bucket and a prefix, giving the prefix its trailing slash', () => {
    expect(parseS3Location('s3://data-lake/runs/orders')).toEqual({ bucket: 'data-lake', prefix: 'runs/orders/' });
    expect(parseS3Location(' s3://data-lake/runs/orders/ ')).toEqual({ bucket: 'data-lake', prefix: 'runs/orders/' });
    expect(parseS3Location('s3://data-lake')).toEqual({ bucket: 'data-lake', prefix: '' });
    expect(parseS3Location('s3://data-lake/')).toEqual({ bucket: 'data-lake', prefix: '' });
    expect(parseS3Location('S3://my.bucket.1/dt=2026-12-06/')).toEqual({ bucket: 'my.bucket.1', prefix: 'dt=2026-12-06/' });
    expect(formatS3Location(parseS3Location('s3://data-lake/runs'), 'run.json')).toBe('s3://data-lake/runs/run.json');
  });

  it.each([
    ['https://data-lake.s3.amazonaws.com/runs/', /it starts with s3:\/\//],
    ['data-lake/runs', /it starts with s3:\/\//],
    ['s3:///runs/', /it names no bucket/],
    ['s3://ab/runs/', /3 to 63 characters/],
    ['s3://Data_Lake/runs/', /lower-case letters, digits, dots and hyphens/],
    ['s3://-lake/runs/', /starts and ends with a letter or digit/],
    ['s3://data..lake/', /no two dots in a row/],
    ['s3://192.168.1.10/', /not an IP address/],
    ['s3://xn--lake/', /reserves/],
    ['s3://lake-s3alias/', /reserves/],
    ['s3://data-lake/runs//orders/', /empty, "\." or "\.\." segment/],
    ['s3://data-lake/runs/../secrets/', /empty, "\." or "\.\." segment/],
    ['s3://data-lake/runs?versionId=1', /URL query/],
    ['s3://data-lake/runs\n/', /control characters/],
    [`s3://data-lake/${'p'.repeat(901)}`, /longer than 900 bytes/],
  ])('refuses %j, saying why', (text, why) => {
    expect(() => parseS3Location(text)).toThrow(why);
    expect(() => parseS3Location(text)).toThrow(/is not an S3 location: .*\(e\.g\. s3:\/\/my-bucket\/runs\/orders\/\)\.$/s);
  });
});

describe('every contract that takes an S3 location', () => {
  const prefixOf = (prefix: string) => pipelineRequestSchema.safeParse({ stream: 'orders', engine: 'firehose', prefix });
  const runOf = (fromRun: string) =>
    pipelineRequestSchema.safeParse({ stream: 'orders', engine: 'firehose', prefix: 's3://lake/out/', fromRun });
  const checkOf = (to: string) => permissionCheckInputSchema.safeParse({ name: 'orders', to });

  it.each([prefixOf, runOf, checkOf])('refuses a bad one with the same reason a run gets (%#)', (parse) => {
    const answer = parse('s3://ab/runs/');
    expect(answer.success).toBe(false);
    expect(answer.error?.issues[0]?.message).toBe(
      '"s3://ab/runs/" is not an S3 location: a bucket name is 3 to 63 characters long (e.g. s3://my-bucket/runs/orders/).',
    );
    expect(parse('s3://data-lake/runs/').success).toBe(true);
  });
});
