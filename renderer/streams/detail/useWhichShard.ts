import { useState } from 'react';
import type { ShardFor } from '../../../shared/contract';
import { ApiError, unwrap } from '../../api/api-error';
import { useApi } from '../../state/store';

export type KeyKind = 'partition-key' | 'explicit-hash-key';

/** "Which shard?": asks main, which hashes the key exactly as Kinesis does (MD5, 128-bit). */
export function useWhichShard(name: string) {
  const api = useApi();
  const [kind, setKind] = useState<KeyKind>('partition-key');
  const [key, setKey] = useState('');
  const [result, setResult] = useState<ShardFor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await unwrap(api.streams.shardFor(kind === 'partition-key' ? { name, partitionKey: key } : { name, explicitHashKey: key.trim() })),
      );
    } catch (failure) {
      setResult(null);
      setError(failure instanceof ApiError && failure.issues[0] ? failure.issues[0].message : String((failure as Error).message));
    } finally {
      setBusy(false);
    }
  };

  return { kind, setKind, key, setKey, result, error, busy, find };
}
