import { useState } from 'react';
import type { ShardFor } from '../../../shared/contract';
import { ApiError, unwrap } from '../../api/api-error';
import { useApi } from '../../state/store';

export type KeyKind = 'partition-key' | 'explicit-hash-key';

/** A file's bytes as base64, the form the call takes an aggregate in. */
async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with a megabyte of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** "Which shard?": asks main, which hashes the key exactly as Kinesis does (MD5, 128-bit). */
export function useWhichShard(name: string) {
  const api = useApi();
  const [kind, setKind] = useState<KeyKind>('partition-key');
  const [key, setKey] = useState('');
  /** With a partition key, an explicit hash key routes the record instead. */
  const [routingHashKey, setRoutingHashKey] = useState('');
  const [isAggregate, setIsAggregate] = useState(false);
  const [aggregateText, setAggregateText] = useState('');
  const [aggregateFile, setAggregateFile] = useState<File | null>(null);
  const [result, setResult] = useState<ShardFor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async () => {
    setBusy(true);
    setError(null);
    try {
      const keys =
        kind === 'partition-key'
          ? { partitionKey: key, ...(routingHashKey.trim() ? { explicitHashKey: routingHashKey.trim() } : {}) }
          : { explicitHashKey: key.trim() };
      const aggregate = !isAggregate ? undefined : aggregateFile ? await fileBase64(aggregateFile) : aggregateText.replace(/\s+/g, '');
      setResult(await unwrap(api.streams.shardFor({ name, ...keys, ...(aggregate !== undefined ? { aggregate } : {}) })));
    } catch (failure) {
      setResult(null);
      setError(failure instanceof ApiError && failure.issues[0] ? failure.issues[0].message : String((failure as Error).message));
    } finally {
      setBusy(false);
    }
  };

  const aggregateMissing = isAggregate && aggregateFile === null && aggregateText.trim() === '';
  return {
    kind,
    setKind,
    key,
    setKey,
    routingHashKey,
    setRoutingHashKey,
    isAggregate,
    setIsAggregate,
    aggregateText,
    setAggregateText,
    aggregateFile,
    setAggregateFile,
    canFind: !busy && key !== '' && !aggregateMissing,
    result,
    error,
    busy,
    find,
  };
}
