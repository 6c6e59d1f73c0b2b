import { useState } from 'react';
import type { WriteEncodingInput } from '../../shared/contract';

/** Where the put editor's schema comes from: none (the data as typed), the connection's Glue registry, or the stream's bound file. */
export type SchemaMode = 'none' | 'glue' | 'binding';
export type RegistryWire = 'gsr' | 'gsr-zlib' | 'raw';

const VERSION = /^(latest|[1-9]\d{0,5})$/;
const MESSAGE = /^\.?[A-Za-z_][\w.]*$/;

/** The put editor's schema fields, what is wrong with them, and the encoding main is asked to write with. */
export function useSchemaChoice() {
  const [mode, setMode] = useState<SchemaMode>('none');
  /** "registry/name", as the picker lists it. */
  const [schema, setSchema] = useState('');
  const [version, setVersion] = useState('latest');
  const [message, setMessage] = useState('');
  const [wire, setWire] = useState<RegistryWire>('gsr');

  const versionError = mode === 'glue' && !VERSION.test(version.trim()) ? 'latest, or a version number such as 2.' : null;
  const messageError = message.trim() && !MESSAGE.test(message.trim()) ? 'A Protobuf full name, like shop.Order.' : null;
  const schemaError = mode === 'glue' && !schema ? 'Choose a schema.' : null;

  const encoding = ((): WriteEncodingInput | undefined => {
    if (mode === 'none') return undefined;
    if (mode === 'binding') return { source: { kind: 'binding' }, wire: 'raw' };
    const slash = schema.indexOf('/');
    const trimmed = version.trim();
    return {
      source: {
        kind: 'glue',
        registry: schema.slice(0, slash),
        name: schema.slice(slash + 1),
        version: trimmed === 'latest' ? 'latest' : Number(trimmed),
        ...(message.trim() ? { message: message.trim() } : {}),
      },
      wire,
    };
  })();

  return {
    fields: { mode, setMode, schema, setSchema, version, setVersion, message, setMessage, wire, setWire },
    errors: { schema: schemaError, version: versionError, message: messageError },
    valid: !schemaError && !versionError && !messageError,
    encoding,
  };
}
