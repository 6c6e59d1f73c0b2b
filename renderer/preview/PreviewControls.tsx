import { useState } from 'react';
import { ShardCombobox } from '../ui/picker/ShardCombobox';
import { StreamCombobox } from '../ui/picker/StreamCombobox';
import { useAppStore } from '../state/store';
import { usePositionForm, type PositionType } from './usePositionForm';

const positions: { type: PositionType; label: string }[] = [
  { type: 'LATEST', label: 'Latest (new records only)' },
  { type: 'TRIM_HORIZON', label: 'Oldest kept record (trim horizon)' },
  { type: 'AT_TIMESTAMP', label: 'At a time' },
  { type: 'AT_SEQUENCE_NUMBER', label: 'At a sequence number' },
  { type: 'AFTER_SEQUENCE_NUMBER', label: 'After a sequence number' },
];

/** Which stream, from where: the form that starts a preview. */
export function PreviewControls() {
  const stream = useAppStore((s) => s.previewStream);
  const setStream = useAppStore((s) => s.setPreviewStream);
  const start = useAppStore((s) => s.startPreview);
  const form = usePositionForm();
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      className="preview-controls"
      aria-label="Start a preview"
      onSubmit={(event) => {
        event.preventDefault();
        const built = form.build();
        if ('error' in built) return setError(built.error);
        setError(null);
        void start(built.position, form.type.endsWith('SEQUENCE_NUMBER') ? [form.shardId.trim()] : undefined);
      }}
    >
      <StreamCombobox label="Stream to preview" value={stream} onChange={setStream} required />
      <select
        className="select"
        aria-label="Starting position"
        value={form.type}
        onChange={(e) => form.setType(e.target.value as PositionType)}
      >
        {positions.map((p) => (
          <option key={p.type} value={p.type}>
            {p.label}
          </option>
        ))}
      </select>
      {form.type === 'AT_TIMESTAMP' && (
        <input className="input" aria-label="Start time" value={form.when} onChange={(e) => form.setWhen(e.target.value)} />
      )}
      {form.type.endsWith('SEQUENCE_NUMBER') && (
        <>
          <ShardCombobox stream={stream} label="Shard" value={form.shardId} onChange={form.setShardId} />
          <input
            className="input mono"
            aria-label="Sequence number"
            value={form.sequenceNumber}
            onChange={(e) => form.setSequenceNumber(e.target.value)}
          />
        </>
      )}
      <button type="submit" className="button button--primary" disabled={!stream.trim()}>
        Start preview
      </button>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
