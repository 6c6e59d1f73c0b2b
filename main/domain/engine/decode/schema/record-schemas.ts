import { inflateBudget, type InflateBudget } from '../payload';
import { compileResolved, describeRef, type SchemaCodec } from './schema-codec';
import type { SchemaLookup, SchemaRef, SchemaResolver } from './schema-resolver';
import { SchemaDecodeError, type SchemaValue } from './schema-value';
import { FramingError, isConfluentFramed, isGsrFramed, readConfluent, readGsr, type WireFraming } from './wire-framing';

/**
 * How a stream's records carry their schema. auto: GSR framing wherever it is found, Confluent
 * framing only when a registry or a file can read it (a leading zero byte alone is weak evidence);
 * gsr / confluent: only that framing; raw-with-file: no framing, every record read with the bound
 * file; none: no schema decoding at all.
 */
export type SchemaBindingMode = 'auto' | 'gsr' | 'confluent' | 'raw-with-file' | 'none';

/** What one read decodes schemas with: the stream's binding, a registry, and a local schema file. */
export interface RecordSchemas {
  mode: SchemaBindingMode;
  /** Registries that turn wire ids into schemas; absent when the connection has none configured. */
  resolver?: SchemaResolver;
  /**
   * A schema file bound to the stream (or given for one command). It reads unframed records, and
   * framed ones in place of a registry: the wire id then only names the record's version.
   */
  file?: SchemaCodec;
}

/** A record as a schema decoded it, or why it could not be. */
export type SchemaOutcome = { ok: true; schema: SchemaRef; decoded: SchemaValue } | { ok: false; reason: string } | null;

/** A refused or unreachable registry is asked again after this, not for every record of a page. */
const RETRY_FAILED_MS = 10_000;
/**
 * In auto mode a leading zero byte is weak evidence of Confluent framing: binary records that merely
 * start with one would each send the registry a made-up id. After this many ids it does not know,
 * such records are taken as unframed for the rest of the read (a `confluent` binding keeps asking).
 */
export const MAX_AUTO_CONFLUENT_MISSES = 8;

/** A GSR version id is a UUID, so it cannot be taken for a Confluent id's key, which starts with '#'. */
const lookupKey = (lookup: SchemaLookup) => (lookup.kind === 'gsr' ? lookup.versionId : `#${lookup.id}`);

interface CodecEntry {
  codec: Promise<SchemaCodec>;
  /** The codec once compiled: every record after the first decodes without waiting for a promise. */
  ready?: SchemaCodec;
  failedAt?: number;
}
const framingWords = (framing: WireFraming) =>
  framing.kind === 'gsr' ? `Glue Schema Registry version ${framing.versionId}` : `Confluent schema id ${framing.id}`;

/**
 * Schema decoding for one read (a preview, a scan). Each wire id is resolved and compiled once for
 * the read, while the page waits; every record after that decodes synchronously. Nothing here
 * throws: a record that cannot be decoded is left as it was, with the reason.
 */
export class SchemaDecoding {
  private readonly codecs = new Map<string, CodecEntry>();
  /** Compiled codecs by their ref's id, for what a decoded record's schema says about its values (a run's columns). */
  private readonly compiled = new Map<string, SchemaCodec>();
  private confluentMisses = 0;

  constructor(private readonly schemas: RecordSchemas) {}

  /** The framing of a record's bytes (after KPL and inflation) under this binding, or null for none. */
  framingOf(bytes: Buffer, budget: InflateBudget = inflateBudget()): WireFraming | 'raw' | null {
    const { mode, resolver, file } = this.schemas;
    if (mode === 'none') return null;
    if (mode === 'raw-with-file') return file ? 'raw' : null;
    if (mode !== 'confluent' && isGsrFramed(bytes)) return readGsr(bytes, budget);
    const confluentLikely = mode === 'confluent' || file || (resolver && this.confluentMisses < MAX_AUTO_CONFLUENT_MISSES);
    if (mode !== 'gsr' && isConfluentFramed(bytes) && confluentLikely) return readConfluent(bytes);
    return mode === 'auto' && file ? 'raw' : null;
  }

  /**
   * Decodes a record's bytes; awaits only the first time a wire id is met. The user records of one
   * Kinesis record share one inflation budget, so an aggregate of small zlib bombs cannot add up.
   */
  decode(bytes: Buffer, budget?: InflateBudget): SchemaOutcome | Promise<SchemaOutcome> {
    let framing: WireFraming | 'raw' | null;
    try {
      framing = this.framingOf(bytes, budget);
    } catch (error) {
      if (error instanceof FramingError) return { ok: false, reason: `Glue Schema Registry record: ${error.message}` };
      throw error;
    }
    if (framing === null) return null;
    const { file } = this.schemas;
    if (framing === 'raw') return this.apply(file!, bytes, 'raw', framing);
    if (file) return this.apply(file, framing.body, framing.kind, framing);
    const lookup: SchemaLookup =
      framing.kind === 'gsr' ? { kind: 'gsr', versionId: framing.versionId } : { kind: 'confluent', id: framing.id };
    const entry = this.entry(lookup);
    if (!entry) return { ok: false, reason: `${framingWords(framing)}: no schema registry is set up for this connection to resolve it` };
    if (entry.ready) return this.apply(entry.ready, framing.body, framing.kind, framing);
    const known = framing;
    return entry.codec.then(
      (codec) => this.apply(codec, known.body, known.kind, known),
      (error: unknown) => ({ ok: false, reason: `${framingWords(known)}: ${(error as Error).message}` }),
    );
  }

  private entry(lookup: SchemaLookup): CodecEntry | null {
    const resolver = this.schemas.resolver;
    if (!resolver) return null;
    const key = lookupKey(lookup);
    const known = this.codecs.get(key);
    if (known && (known.failedAt === undefined || Date.now() - known.failedAt < RETRY_FAILED_MS)) return known;
    const entry: CodecEntry = { codec: resolver.resolve(lookup).then((resolved) => compileResolved(resolved)) };
    // A schema that cannot compile never will (versions are immutable); a failed call may succeed later.
    entry.codec.then(
      (codec) => {
        entry.ready = codec;
      },
      (error: unknown) => {
        if (!(error instanceof SchemaDecodeError)) entry.failedAt = Date.now();
        if (lookup.kind === 'confluent') this.confluentMisses++;
      },
    );
    this.codecs.set(key, entry);
    return entry;
  }

  /** The codec that decoded records naming this schema, once it has decoded one. */
  codecOf(ref: SchemaRef): SchemaCodec | undefined {
    return this.compiled.get(ref.id);
  }

  /** `found` names where the record said its schema, worded only for a record that fails. */
  private apply(codec: SchemaCodec, body: Buffer, framing: 'gsr' | 'confluent' | 'raw', found: WireFraming | 'raw'): SchemaOutcome {
    if (this.compiled.get(codec.ref.id) !== codec) this.compiled.set(codec.ref.id, codec);
    try {
      return { ok: true, schema: codec.ref, decoded: codec.decode(body, framing) };
    } catch (error) {
      const reason = error instanceof SchemaDecodeError || error instanceof RangeError ? error.message : String(error);
      const where = found === 'raw' ? 'unframed record' : framingWords(found);
      return { ok: false, reason: `${where}, ${describeRef(codec.ref)}: ${reason}` };
    }
  }
}
