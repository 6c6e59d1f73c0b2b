import { deflateSync } from 'node:zlib';

/**
 * GSR framing written byte by byte from aws-glue-schema-registry eed1506 (SerializationDataEncoder):
 * header version 3, compression byte (0 none, 5 zlib over everything after byte 18), then the
 * version UUID as two big-endian longs, most significant first.
 */
export function gsrFrame(versionId: string, body: Buffer, zlib = false): Buffer {
  const uuid = Buffer.from(versionId.replace(/-/g, ''), 'hex');
  if (uuid.length !== 16) throw new Error(`not a UUID: ${versionId}`);
  return Buffer.concat([Buffer.from([3, zlib ? 5 : 0]), uuid, zlib ? deflateSync(body) : body]);
}

/** An unsigned base-128 varint, as protobuf's writeUInt32NoTag writes GSR's message index. */
export function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** Confluent framing (SchemaId.java): magic 0, the id as a big-endian int, then for Protobuf the zig-zag index path. */
export function confluentFrame(id: number, body: Buffer, indexPath?: number[]): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  const zigzag = (n: number) => uvarint((n << 1) ^ (n >> 31));
  const indexes = !indexPath
    ? Buffer.alloc(0)
    : indexPath.length === 1 && indexPath[0] === 0
      ? Buffer.from([0])
      : Buffer.concat([zigzag(indexPath.length), ...indexPath.map(zigzag)]);
  return Buffer.concat([header, indexes, body]);
}
