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

const lookupKey = (lookup: SchemaLookup) => (lookup.kind === 'gsr' ? `gsr:${lookup.versionId}` : `confluent:${lookup.id}`);
const framingWords = (framing: WireFraming) =>
  framing.kind === 'gsr' ? `Glue Schema Registry version ${framing.versionId}` : `Confluent schema id ${framing.id}`;

/**
 * Schema decoding for one read (a preview, a scan). Each wire id is resolved and compiled once for
 * the read, while the page waits; every record after that decodes synchronously. Nothing here
 * throws: a record that cannot be decoded is left as it was, with the reason.
 */
export class SchemaDecoding {
  private readonly codecs = new Map<string, { codec: Promise<SchemaCodec>; failedAt?: number }>();
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
    if (framing === 'raw') return this.apply(file!, bytes, 'raw', 'unframed record');
    const where = framingWords(framing);
    if (file) return this.apply(file, framing.body, framing.kind, where);
    const lookup: SchemaLookup =
      framing.kind === 'gsr' ? { kind: 'gsr', versionId: framing.versionId } : { kind: 'confluent', id: framing.id };
    const entry = this.entry(lookup);
    if (!entry) return { ok: false, reason: `${where}: no schema registry is set up for this connection to resolve it` };
    const body = framing.body;
    const kind = framing.kind;
    return entry.then(
      (codec) => this.apply(codec, body, kind, where),
      (error: unknown) => ({ ok: false, reason: `${where}: ${(error as Error).message}` }),
    );
  }

  private entry(lookup: SchemaLookup): Promise<SchemaCodec> | null {
    const resolver = this.schemas.resolver;
    if (!resolver) return null;
    const key = lookupKey(lookup);
    const known = this.codecs.get(key);
    if (known && (known.failedAt === undefined || Date.now() - known.failedAt < RETRY_FAILED_MS)) return known.codec;
    const entry: { codec: Promise<SchemaCodec>; failedAt?: number } = {
      codec: resolver.resolve(lookup).then((resolved) => compileResolved(resolved)),
    };
    // A schema that cannot compile never will (versions are immutable); a failed call may succeed later.
    entry.codec.catch((error: unknown) => {
      if (!(error instanceof SchemaDecodeError)) entry.failedAt = Date.now();
      if (lookup.kind === 'confluent') this.confluentMisses++;
    });
    this.codecs.set(key, entry);
    return entry.codec;
  }

  /** The codec that decoded records naming this schema, once it has decoded one. */
  codecOf(ref: SchemaRef): SchemaCodec | undefined {
    return this.compiled.get(ref.id);
  }

  private apply(codec: SchemaCodec, body: Buffer, framing: 'gsr' | 'confluent' | 'raw', where: string): SchemaOutcome {
    this.compiled.set(codec.ref.id, codec);
    try {
      return { ok: true, schema: codec.ref, decoded: codec.decode(body, framing) };
    } catch (error) {
      const reason = error instanceof SchemaDecodeError || error instanceof RangeError ? error.message : String(error);
      return { ok: false, reason: `${where}, ${describeRef(codec.ref)}: ${reason}` };
    }
  }
}
