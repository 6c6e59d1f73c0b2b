import { useState } from 'react';
import type { StreamChangeInput } from '../../shared/contract';
import type { ChangeDialogState } from '../state/admin-state';

/** The fields of every change form, and the change they make (or what is missing). */
export function useChangeForm(dialog: ChangeDialogState) {
  const [name, setName] = useState(dialog.kind === 'create' ? '' : dialog.stream);
  const [mode, setMode] = useState<'PROVISIONED' | 'ON_DEMAND'>('PROVISIONED');
  const [shards, setShards] = useState('2');
  const [shardId, setShardId] = useState(dialog.shardId ?? '');
  const [adjacentShardId, setAdjacentShardId] = useState(dialog.adjacentShardId ?? '');
  const [splitAt, setSplitAt] = useState<'middle' | 'key' | 'hash'>(dialog.hashKey ? 'hash' : 'middle');
  const [splitValue, setSplitValue] = useState(dialog.hashKey ?? '');
  const [hours, setHours] = useState('48');
  const [tagKey, setTagKey] = useState('');
  const [tagValue, setTagValue] = useState('');
  const [removeTag, setRemoveTag] = useState(false);
  const [enabled, setEnabled] = useState(true);
  const [keyId, setKeyId] = useState('alias/aws/kinesis');
  const [metrics, setMetrics] = useState<string[]>([]);
  const [consumer, setConsumer] = useState('');
  const [consumerAction, setConsumerAction] = useState<'register' | 'deregister'>('register');
  const [force, setForce] = useState(false);

  const count = Number(shards);
  const build = (): { change: StreamChangeInput } | { missing: string } => {
    const stream = dialog.kind === 'create' ? name.trim() : dialog.stream;
    switch (dialog.kind) {
      case 'create':
        if (!/^[a-zA-Z0-9_.-]{1,128}$/.test(stream)) return { missing: 'A stream name has letters, digits and . _ - only.' };
        if (mode === 'PROVISIONED' && !(Number.isInteger(count) && count >= 1)) return { missing: 'A number of shards, 1 or more.' };
        return { change: { type: 'create', stream, mode, shards: mode === 'PROVISIONED' ? count : null } };
      case 'delete':
        return { change: { type: 'delete', stream, force } };
      case 'reshard':
        if (!(Number.isInteger(count) && count >= 1)) return { missing: 'A number of shards, 1 or more.' };
        return { change: { type: 'reshard', stream, shards: count } };
      case 'split':
        if (!shardId) return { missing: 'Choose the shard to split.' };
        if (splitAt !== 'middle' && !splitValue.trim())
          return { missing: splitAt === 'key' ? 'Give the partition key.' : 'Give the hash key.' };
        return {
          change: {
            type: 'split',
            stream,
            shardId,
            at:
              splitAt === 'middle'
                ? { type: 'middle' }
                : splitAt === 'key'
                  ? { type: 'key', partitionKey: splitValue }
                  : { type: 'hash', hashKey: splitValue.trim() },
          },
        };
      case 'merge':
        if (!shardId || !adjacentShardId) return { missing: 'Choose two adjacent shards.' };
        return { change: { type: 'merge', stream, shardId, adjacentShardId } };
      case 'retention':
        return { change: { type: 'retention', stream, hours: Number(hours) } };
      case 'mode':
        return { change: { type: 'mode', stream, mode } };
      case 'encryption':
        return { change: { type: 'encryption', stream, enabled, keyId } };
      case 'monitoring':
        return { change: { type: 'monitoring', stream, metrics: metrics as never } };
      case 'tags':
        if (!tagKey.trim()) return { missing: 'Give the tag key.' };
        return {
          change: { type: 'tags', stream, set: removeTag ? {} : { [tagKey.trim()]: tagValue }, remove: removeTag ? [tagKey.trim()] : [] },
        };
      case 'consumer':
        if (!consumer.trim()) return { missing: 'Give the consumer’s name.' };
        return { change: { type: 'consumer', stream, action: consumerAction, name: consumer.trim() } };
    }
  };

  return {
    fields: {
      name,
      setName,
      mode,
      setMode,
      shards,
      setShards,
      shardId,
      setShardId,
      adjacentShardId,
      setAdjacentShardId,
      splitAt,
      setSplitAt,
      splitValue,
      setSplitValue,
      hours,
      setHours,
      tagKey,
      setTagKey,
      tagValue,
      setTagValue,
      removeTag,
      setRemoveTag,
      enabled,
      setEnabled,
      keyId,
      setKeyId,
      metrics,
      setMetrics,
      consumer,
      setConsumer,
      consumerAction,
      setConsumerAction,
      force,
      setForce,
    },
    build,
  };
}
