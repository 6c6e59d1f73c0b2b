import { useMemo } from 'react';
import { shardLevelMetrics } from '../../shared/contract';
import { useAppStore } from '../state/store';
import { Field } from '../ui/Field';
import type { useChangeForm } from './useChangeForm';
import type { ChangeKind } from '../state/admin-state';
import { TextField } from '../ui/TextField';

type Fields = ReturnType<typeof useChangeForm>['fields'];

/** The open shards of the stream shown in the detail, to pick from. */
function useOpenShards(stream: string): string[] {
  const shards = useAppStore((s) =>
    s.streamDetail?.name === stream && s.streamDetail.shards.status === 'ok' ? s.streamDetail.shards.data.shards : null,
  );
  return useMemo(() => (shards ?? []).filter((shard) => shard.open).map((shard) => shard.shardId), [shards]);
}

function ShardSelect({ label, value, onChange, shards }: { label: string; value: string; onChange(id: string): void; shards: string[] }) {
  return (
    <Field label={label}>
      {(props) => (
        <select {...props} className="select mono" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose a shard</option>
          {shards.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The fields one kind of change asks for. */
export function ChangeFields({ kind, stream, f }: { kind: ChangeKind; stream: string; f: Fields }) {
  const shards = useOpenShards(stream);
  switch (kind) {
    case 'create':
      return (
        <>
          <TextField label="Stream name" mono value={f.name} onChange={f.setName} />
          <ModeRadios f={f} />
          {f.mode === 'PROVISIONED' && <ShardCount f={f} />}
        </>
      );
    case 'reshard':
      return <ShardCount f={f} />;
    case 'split':
      return (
        <>
          <ShardSelect label="Shard to split" value={f.shardId} onChange={f.setShardId} shards={shards} />
          <fieldset className="radio-group">
            <legend className="field__label">Split at</legend>
            {(['middle', 'key', 'hash'] as const).map((at) => (
              <label key={at} className="radio">
                <input type="radio" name="split-at" checked={f.splitAt === at} onChange={() => f.setSplitAt(at)} />
                {at === 'middle' ? 'The middle of its range' : at === 'key' ? 'A partition key’s hash' : 'A hash key'}
              </label>
            ))}
          </fieldset>
          {f.splitAt !== 'middle' && (
            <TextField label={f.splitAt === 'key' ? 'Partition key' : 'Hash key'} mono value={f.splitValue} onChange={f.setSplitValue} />
          )}
        </>
      );
    case 'merge':
      return (
        <>
          <ShardSelect label="Shard" value={f.shardId} onChange={f.setShardId} shards={shards} />
          <ShardSelect label="Adjacent shard" value={f.adjacentShardId} onChange={f.setAdjacentShardId} shards={shards} />
        </>
      );
    case 'retention':
      return (
        <TextField
          label="Retention in hours"
          hint="24 to 8,760 (365 days)"
          value={f.hours}
          onChange={f.setHours}
          type="number"
          min={24}
          max={8760}
        />
      );
    case 'mode':
      return <ModeRadios f={f} />;
    case 'encryption':
      return (
        <>
          <label className="radio">
            <input type="checkbox" checked={f.enabled} onChange={(e) => f.setEnabled(e.target.checked)} />
            Encrypt with a KMS key
          </label>
          {f.enabled && <TextField label="KMS key" mono value={f.keyId} onChange={f.setKeyId} />}
        </>
      );
    case 'monitoring':
      return (
        <fieldset className="radio-group">
          <legend className="field__label">Shard-level metrics</legend>
          {shardLevelMetrics.map((metric) => (
            <label key={metric} className="radio">
              <input
                type="checkbox"
                checked={f.metrics.includes(metric)}
                onChange={(e) => f.setMetrics(e.target.checked ? [...f.metrics, metric] : f.metrics.filter((m) => m !== metric))}
              />
              {metric}
            </label>
          ))}
        </fieldset>
      );
    case 'tags':
      return (
        <>
          <TextField label="Tag key" mono value={f.tagKey} onChange={f.setTagKey} />
          <label className="radio">
            <input type="checkbox" checked={f.removeTag} onChange={(e) => f.setRemoveTag(e.target.checked)} />
            Remove this tag
          </label>
          {!f.removeTag && <TextField label="Tag value" mono value={f.tagValue} onChange={f.setTagValue} />}
        </>
      );
    case 'consumer':
      return (
        <>
          <fieldset className="radio-group">
            <legend className="field__label">Action</legend>
            {(['register', 'deregister'] as const).map((action) => (
              <label key={action} className="radio">
                <input
                  type="radio"
                  name="consumer-action"
                  checked={f.consumerAction === action}
                  onChange={() => f.setConsumerAction(action)}
                />
                {action === 'register' ? 'Register' : 'Deregister'}
              </label>
            ))}
          </fieldset>
          <TextField label="Consumer name" mono value={f.consumer} onChange={f.setConsumer} />
        </>
      );
    case 'delete':
      return (
        <label className="radio">
          <input type="checkbox" checked={f.force} onChange={(e) => f.setForce(e.target.checked)} />
          Delete even if enhanced fan-out consumers are registered
        </label>
      );
  }
}

function ModeRadios({ f }: { f: Fields }) {
  return (
    <fieldset className="radio-group">
      <legend className="field__label">Capacity</legend>
      {(['PROVISIONED', 'ON_DEMAND'] as const).map((mode) => (
        <label key={mode} className="radio">
          <input type="radio" name="capacity-mode" checked={f.mode === mode} onChange={() => f.setMode(mode)} />
          {mode === 'PROVISIONED' ? 'Provisioned' : 'On-demand'}
        </label>
      ))}
    </fieldset>
  );
}

function ShardCount({ f }: { f: Fields }) {
  return <TextField label="Open shards" value={f.shards} onChange={f.setShards} type="number" min={1} />;
}
