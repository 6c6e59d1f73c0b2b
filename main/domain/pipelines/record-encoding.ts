import type { RecordKind } from '../engine/decode/record-kind';
import { PipelineRefusal, type RecordEncoding } from './pipeline-plan';

/** The encoding a pipeline reads the stream with, where it was learnt, and what in it the engine will not read. */
export interface EncodingFound {
  encoding: RecordEncoding;
  from: string;
  note: string | null;
}

const schemaEncodings: Partial<Record<RecordKind, RecordEncoding>> = { avro: 'avro', protobuf: 'protobuf' };
const kindWords: Record<RecordKind, string> = {
  json: 'plain JSON',
  text: 'text',
  binary: 'bytes that are neither JSON nor text (or framed by a registry the connection has no access to)',
  compressed: 'gzip or zlib compressed',
  avro: 'Glue Schema Registry Avro',
  protobuf: 'Glue Schema Registry Protobuf',
  'json-schema': 'framed by a registry with a JSON Schema',
};

const listed = (kinds: readonly RecordKind[]) => kinds.map((kind) => kindWords[kind]).join('; ');

/**
 * The encoding of records of these kinds (what a run read, or a sample of the stream): one
 * registry format, else plain JSON. Kinds an engine cannot read beside it are a note; a stream
 * an engine cannot read at all is refused, so no pipeline is written that fails once deployed.
 */
export function encodingOfKinds(kinds: readonly RecordKind[], from: string): EncodingFound {
  if (kinds.length === 0)
    return {
      encoding: 'json',
      from: `${from}, which held no records: JSON assumed`,
      note: `${from} held no records to tell their encoding by: JSON was assumed.`,
    };
  const framed = kinds.filter((kind) => kind === 'avro' || kind === 'protobuf' || kind === 'json-schema');
  if (framed.length > 1)
    throw new PipelineRefusal(
      `The records in ${from} are of several registry encodings (${listed(framed)}); a pipeline reads one. Name the encoding to use.`,
    );
  if (framed[0] === 'json-schema')
    throw new PipelineRefusal(
      `The records in ${from} are ${kindWords['json-schema']}: the pipelines written here read plain JSON, or Glue Schema Registry Avro or Protobuf.`,
    );
  const encoding = framed.length ? schemaEncodings[framed[0]!]! : 'json';
  const main: RecordKind = framed[0] ?? 'json';
  if (!kinds.includes(main))
    throw new PipelineRefusal(
      `None of the records in ${from} is JSON (they are ${listed(kinds)}): an engine's JSON reader cannot read them. Name the encoding if a schema registry frames them.`,
    );
  const others = kinds.filter((kind) => kind !== main);
  return {
    encoding,
    from: `${from}`,
    note: others.length
      ? `Some of the records in ${from} are not ${kindWords[main]} (${listed(others)}): the engine will not read those.`
      : null,
  };
}
