import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeEncodingSchema } from '../../shared/contract';
import { writeEncodingOf } from '../../main/hosts/cli/parse';

describe('put and produce schema flags', () => {
  it('reads [REGISTRY/]NAME[:VERSION] for Glue, with GSR framing by default and --zlib on it', () => {
    expect(writeEncodingOf({ schemaRegistry: 'glue', schema: 'shop/orders:3', zlib: true })).toEqual({
      source: { kind: 'glue', registry: 'shop', name: 'orders', version: 3 },
      wire: 'gsr-zlib',
    });
    // No registry named: the contract's default, default-registry, as AWS's serializers use.
    const bare = writeEncodingSchema.parse(writeEncodingOf({ schemaRegistry: 'glue', schema: 'orders' }));
    expect(bare.source).toEqual({ kind: 'glue', registry: 'default-registry', name: 'orders', version: 'latest' });
  });

  it('reads a Confluent subject whose name holds a colon, and its version only when it is one', () => {
    expect(writeEncodingOf({ schemaRegistry: 'https://r.example/', schema: 'ns:topic-value:latest', message: 'shop.Order' })).toEqual({
      source: { kind: 'confluent', url: 'https://r.example/', subject: 'ns:topic-value', version: 'latest', message: 'shop.Order' },
      wire: 'confluent',
    });
    expect(writeEncodingOf({ schemaRegistry: 'http://r:8081', schema: 'a:b' })?.source).toMatchObject({
      subject: 'a:b',
      version: 'latest',
    });
  });

  it("takes --schema-registry confluent as the connection's own registry: a source with no URL", () => {
    const encoding = writeEncodingSchema.parse(writeEncodingOf({ schemaRegistry: 'confluent', schema: 'orders-value:2' }));
    expect(encoding).toEqual({ source: { kind: 'confluent', subject: 'orders-value', version: 2 }, wire: 'confluent' });
  });

  it('takes --schema without a registry as a file, written raw, with absolute paths', () => {
    expect(writeEncodingOf({ schema: 'order.proto', schemaImports: 'protos', message: 'shop.Order' })).toEqual({
      source: { kind: 'file', file: { path: resolve('order.proto'), message: 'shop.Order', importDir: resolve('protos') } },
      wire: 'raw',
    });
  });

  it('refuses flags that do not go together, before anything is asked of main', () => {
    expect(() => writeEncodingOf({ wire: 'gsr' })).toThrow('go with --schema');
    expect(() => writeEncodingOf({ schema: 'a.avsc', zlib: true })).toThrow('--zlib goes with --wire gsr');
    expect(() => writeEncodingOf({ schemaRegistry: 'glue', schema: 'a', schemaImports: 'x' })).toThrow('--schema-imports');
    expect(() => writeEncodingOf({ schemaRegistry: 'kafka', schema: 'a' })).toThrow('"glue", "confluent", or a Confluent-compatible');
    expect(() => writeEncodingOf({ schema: 'a', wire: 'avro' as never })).toThrow('is not gsr, confluent or raw');
    // GSR framing from a file has no version id to carry: the contract says so.
    expect(writeEncodingSchema.safeParse(writeEncodingOf({ schema: 'a.avsc', wire: 'gsr' })).success).toBe(false);
  });
});
