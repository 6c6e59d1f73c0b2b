import { describe, expect, it } from 'vitest';
import { compressionHelp, compressionRefusal, supportedCompressions } from '../../main/core/compressions';

describe('the compressions a run can be written with', () => {
  it('offers Parquet zstd from Node 22.15 on, and never before', () => {
    expect(supportedCompressions('22.14.9').parquet).toEqual(['snappy', 'none']);
    expect(supportedCompressions('v20.20.2').parquet).toEqual(['snappy', 'none']);
    expect(supportedCompressions('22.15.0').parquet).toEqual(['snappy', 'zstd', 'none']);
    expect(supportedCompressions('24.1.0').parquet).toEqual(['snappy', 'zstd', 'none']);
    expect(supportedCompressions('20.0.0').jsonl).toEqual(['none', 'gzip']);
    expect(supportedCompressions('20.0.0').csv).toEqual(['none', 'gzip']);
  });

  it('words the same list for the help', () => {
    expect(compressionHelp(supportedCompressions('22.15.0'))).toBe(
      'none (default) or gzip for JSON Lines and CSV; snappy (default), zstd or none for Parquet',
    );
    expect(compressionHelp(supportedCompressions('22.14.0'))).toBe(
      'none (default) or gzip for JSON Lines and CSV; snappy (default) or none for Parquet',
    );
  });

  it('says which Node zstd needs and what this one can do instead', () => {
    expect(compressionRefusal('zstd', 'parquet', '22.14.0')).toBe(
      'zstd needs Node 22.15.0 or newer; this is Node 22.14.0. Use none (default) or gzip for JSON Lines and CSV; snappy (default) or none for Parquet.',
    );
    expect(compressionRefusal('zstd', 'parquet', '22.15.0')).toBeNull();
    expect(compressionRefusal('zstd', undefined, '22.14.0')).toContain('zstd needs Node 22.15.0');
    expect(compressionRefusal('gzip', 'parquet', '24.0.0')).toMatch(/^Parquet cannot be compressed with gzip\. Use /);
    expect(compressionRefusal('brotli', undefined, '24.0.0')).toMatch(/^There is no compression brotli\. Use /);
  });
});
