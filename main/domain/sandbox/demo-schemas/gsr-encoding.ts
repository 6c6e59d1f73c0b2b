import { deflateSync } from 'node:zlib';
import protobuf from 'protobufjs';

/**
 * How AWS's Glue Schema Registry serializer frames a record (awslabs/aws-glue-schema-registry
 * at eed1506b, SerializationDataEncoder): byte 0 the header version 3, byte 1 the compression
 * (0 none, 5 zlib over everything after byte 18), bytes 2..17 the schema version UUID as two
 * big-endian longs, most significant first, then the payload.
 */
export function gsrFrame(versionId: string, payload: Uint8Array, options: { zlib?: boolean } = {}): Buffer {
  const uuid = Buffer.from(versionId.replaceAll('-', ''), 'hex');
  if (uuid.length !== 16) throw new Error(`Not a schema version id: ${versionId}`);
  const body = options.zlib ? deflateSync(payload) : payload;
  return Buffer.concat([Buffer.from([3, options.zlib ? 5 : 0]), uuid, body]);
}

// The demo numbers its message types exactly as the decoder reads them: one list, in the engine.
export { gsrMessageNames } from '../../engine/decode/schema/protobuf-index';

/** GSR's Protobuf payload: the message index as a plain unsigned varint, then the message. */
export function gsrProtobufPayload(messageIndex: number, message: Uint8Array): Buffer {
  return Buffer.concat([protobuf.Writer.create().uint32(messageIndex).finish(), message]);
}

/** An Avro decimal's bytes: the unscaled value, two's complement, big-endian, as few bytes as hold it. */
export function avroDecimalBytes(unscaled: bigint): Buffer {
  let hex = (unscaled < 0n ? -unscaled : unscaled).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  if (unscaled >= 0n) return bytes;
  // Negative: two's complement of the magnitude in the same width.
  const value = (1n << BigInt(bytes.length * 8)) + unscaled;
  return Buffer.from(value.toString(16).padStart(bytes.length * 2, '0'), 'hex');
}
