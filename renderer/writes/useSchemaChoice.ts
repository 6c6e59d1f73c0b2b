import { useState } from 'react';
import type { WriteEncodingInput } from '../../shared/contract';

/**
 * Where the put editor's schema comes from: none (the data as typed), the connection's Glue
 * registry, its Confluent-compatible registry, or the stream's bound file.
 */
export type SchemaMode = 'none' | 'glue' | 'confluent' | 'binding';
export type RegistryWire = 'gsr' | 'gsr-zlib' | 'confluent' | 'raw';

const VERSION = /^(latest|[1-9]\d{0,5})$/;
const MESSAGE = /^\.?[A-Za-z_][\w.]*$/;
/** Each registry's own framing first: the header its consumers expect. */
const defaultWire: Record<'glue' | 'confluent', RegistryWire> = { glue: 'gsr', confluent: 'confluent' };

/** The put editor's schema fields, what is wrong with them, and the encoding main is asked to write with. */
export function useSchemaChoice() {
  const [mode, setModeState] = useState<SchemaMode>('none');
  /** "registry/name" for Glue, the subject for Confluent, as the picker lists them. */
  const [schema, setSchema] = useState('');
  const [version, setVersion] = useState('latest');
  const [message, setMessage] = useState('');
  const [wire, setWire] = useState<RegistryWire>('gsr');

  const setMode = (next: SchemaMode) => {
    // A schema picked from one registry names nothing in the other, and each has its own framing.
    if (next !== mode && (next === 'glue' || next === 'confluent')) {
      setSchema('');
      setWire(defaultWire[next]);
    }
    setModeState(next);
  };

  const fromRegistry = mode === 'glue' || mode === 'confluent';
  const versionError = fromRegistry && !VERSION.test(version.trim()) ? 'latest, or a version number such as 2.' : null;
  const messageError = message.trim() && !MESSAGE.test(message.trim()) ? 'A Protobuf full name, like shop.Order.' : null;
  const schemaError = fromRegistry && !schema ? 'Choose a schema.' : null;

  const encoding = ((): WriteEncodingInput | undefined => {
    if (mode === 'none') return undefined;
    if (mode === 'binding') return { source: { kind: 'binding' }, wire: 'raw' };
    const trimmed = version.trim();
    const common = {
      version: trimmed === 'latest' ? ('latest' as const) : Number(trimmed),
      ...(message.trim() ? { message: message.trim() } : {}),
    };
    // No URL: main uses the connection's own registry, with its credentials.
    if (mode === 'confluent') return { source: { kind: 'confluent', subject: schema, ...common }, wire };
    const slash = schema.indexOf('/');
    return { source: { kind: 'glue', registry: schema.slice(0, slash), name: schema.slice(slash + 1), ...common }, wire };
  })();

  return {
    fields: { mode, setMode, schema, setSchema, version, setVersion, message, setMessage, wire, setWire },
    errors: { schema: schemaError, version: versionError, message: messageError },
    valid: !schemaError && !versionError && !messageError,
    encoding,
  };
}
