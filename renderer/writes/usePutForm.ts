import { useEffect, useState } from 'react';
import type { ShardFor } from '../../shared/contract';
import { unwrap } from '../api/api-error';
import { useApi } from '../state/store';
import { recordSizeProblem } from './record-size';
import type { PutDraft } from '../state/writes-state';
import { useSchemaChoice } from './useSchemaChoice';

export type KeyMode = 'partition-key' | 'random' | 'explicit-hash-key';

/** The record editor's fields, what is wrong with them, and where the record will land (asked of main as it is typed). */
export function usePutForm(stream: string, draft?: PutDraft) {
  const api = useApi();
  const [data, setData] = useState(draft?.data ?? '{\n  "hello": "kinesis"\n}');
  const [encoding, setEncoding] = useState<PutDraft['encoding']>(draft?.encoding ?? 'json');
  const [gzip, setGzip] = useState(false);
  const [keyMode, setKeyMode] = useState<KeyMode>(draft?.partitionKey === null ? 'random' : 'partition-key');
  const [key, setKey] = useState(draft?.partitionKey ?? '');
  const [hashKey, setHashKey] = useState('');
  const [landing, setLanding] = useState<ShardFor | null>(null);
  const schema = useSchemaChoice();
  // A schema encodes JSON, and its framing compresses where the wire allows: the data is JSON, ungzipped.
  const encodes = schema.encoding !== undefined;

  const dataError = (() => {
    // First: parsing a text too large to send would only keep the page busy.
    const sizeProblem = recordSizeProblem(
      data,
      encodes ? 'json' : encoding,
      encodes ? false : gzip,
      keyMode === 'partition-key' ? key : '',
    );
    if (sizeProblem) return sizeProblem;
    if (encoding === 'json' || encodes) {
      try {
        JSON.parse(data);
      } catch (error) {
        return `Not valid JSON: ${(error as Error).message}`;
      }
    }
    if (encoding === 'base64' && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(data)) return 'Not base64.';
    return null;
  })();
  const keyError =
    keyMode === 'partition-key' && (key.length < 1 || key.length > 256)
      ? 'A partition key is 1 to 256 characters.'
      : keyMode === 'explicit-hash-key' && !/^\d{1,39}$/.test(hashKey.trim())
        ? 'A whole number from 0 to 2^128 − 1.'
        : null;

  useEffect(() => {
    if (keyMode === 'random' || keyError) return;
    let current = true;
    const input = keyMode === 'partition-key' ? { name: stream, partitionKey: key } : { name: stream, explicitHashKey: hashKey.trim() };
    const timer = setTimeout(() => {
      unwrap(api.streams.shardFor(input)).then(
        (found) => current && setLanding(found),
        () => current && setLanding(null),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, stream, keyMode, key, hashKey, keyError]);

  const prettify = () => {
    try {
      setData(JSON.stringify(JSON.parse(data), null, 2));
    } catch {
      // Nothing to prettify: the error is already shown.
    }
  };

  /** The record as main is asked to plan and put it. */
  const input = {
    stream,
    data,
    encoding: encodes ? ('json' as const) : encoding,
    gzip: encodes ? false : gzip,
    ...(schema.encoding ? { schema: schema.encoding } : {}),
    partitionKey: keyMode === 'partition-key' ? key : null,
    explicitHashKey: keyMode === 'explicit-hash-key' ? hashKey.trim() : null,
  };

  return {
    fields: { data, setData, encoding, setEncoding, gzip, setGzip, keyMode, setKeyMode, key, setKey, hashKey, setHashKey },
    dataError,
    keyError,
    // Only for the key as it stands: an answer for a key since changed to nothing is not shown.
    landing: keyMode === 'random' || keyError ? null : landing,
    valid: !dataError && !keyError && schema.valid,
    schema,
    encodes,
    prettify,
    input,
  };
}
