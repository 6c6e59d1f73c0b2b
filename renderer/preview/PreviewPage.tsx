import { useCallback, useState } from 'react';
import { useAppStore } from '../state/store';
import { EmptyState, ErrorState } from '../ui/States';
import { PreviewControls } from './PreviewControls';
import { RecordsWithInspector } from '../ui/records/RecordsWithInspector';
import { MaskingNotice } from '../ui/records/MaskingNotice';
import { RecordTable } from '../ui/records/RecordTable';
import { ColumnChooser } from '../ui/records/ColumnChooser';
import { SchemaBindingButton } from './SchemaBindingButton';
import { ShardStatusLine } from './ShardStatusLine';
import { usePreview } from './usePreview';
import { SaveViewDialog } from '../ui/saved-view/SaveViewDialog';

const number = new Intl.NumberFormat();

export function PreviewPage() {
  const p = usePreview();
  const pause = useAppStore((s) => s.pausePreview);
  const resume = useAppStore((s) => s.resumePreview);
  const stop = useAppStore((s) => s.stopPreview);
  const clear = useAppStore((s) => s.clearPreview);
  const select = useAppStore((s) => s.selectRecord);
  const closeInspector = useCallback(() => select(null), [select]);
  const setBufferLimit = useAppStore((s) => s.setBufferLimit);
  const openWriteDialog = useAppStore((s) => s.openWriteDialog);
  const selected = p.selectedId ? p.records.find((r) => r.id === p.selectedId) : undefined;
  const shards = p.status?.shards.map((s) => s.shardId) ?? [];
  const lastSession = useAppStore((s) => s.previewLastSession);
  const position = useAppStore((s) => s.previewPositionFields);
  const [saving, setSaving] = useState(false);
  const columns = useAppStore((s) => s.recordColumns[p.stream.trim()]);

  const list = (
    <section className="page browser__list" aria-labelledby="preview-heading">
      <header className="page__header">
        <h1 id="preview-heading">Live preview</h1>
        <div className="page__actions">
          <SchemaBindingButton stream={p.stream} />
          {p.session && (
            <>
              <button type="button" className="button" onClick={() => void (p.paused ? resume() : pause())}>
                {p.paused ? 'Resume' : 'Pause'}
              </button>
              <button type="button" className="button" onClick={() => void stop()}>
                Stop
              </button>
            </>
          )}
          <button
            type="button"
            className="button"
            disabled={p.visible.length === 0}
            onClick={() =>
              openWriteDialog({
                kind: 'send',
                source: p.stream,
                records: p.visible
                  .slice(0, 500)
                  .map((r) => ({ shardId: r.shardId, sequenceNumber: r.sequenceNumber, subSequenceNumber: r.subSequenceNumber })),
              })
            }
            title={p.visible.length > 500 ? 'The first 500 records shown' : undefined}
          >
            Send shown records to…
          </button>
          <button type="button" className="button" onClick={clear} disabled={p.records.length === 0}>
            Clear
          </button>
          <button type="button" className="button" onClick={() => setSaving(true)} disabled={!p.stream.trim()}>
            Save as view…
          </button>
        </div>
      </header>
      <PreviewControls />
      <div className="toolbar">
        <input
          className="input toolbar__filter"
          type="search"
          aria-label="Filter records"
          placeholder="text in the record or its key"
          value={p.filter.text}
          onChange={(e) => p.setFilter({ ...p.filter, text: e.target.value })}
        />
        <label className="radio">
          <input type="checkbox" checked={p.filter.regex} onChange={(e) => p.setFilter({ ...p.filter, regex: e.target.checked })} />
          Regex
        </label>
        <input
          className="input mono"
          aria-label="Expression filter (CEL, as in Search)"
          placeholder='data.status == "FAILED"'
          value={p.filter.field}
          onChange={(e) => p.setFilter({ ...p.filter, field: e.target.value })}
        />
        <select className="select" aria-label="Shard shown" value={p.shard} onChange={(e) => p.setShard(e.target.value)}>
          <option value="all">All shards, merged</option>
          {shards.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <select className="select" aria-label="Records kept" value={p.bufferLimit} onChange={(e) => setBufferLimit(Number(e.target.value))}>
          {[1_000, 10_000, 50_000].map((n) => (
            <option key={n} value={n}>
              Keep {number.format(n)}
            </option>
          ))}
        </select>
        <select className="select" aria-label="Order" value={p.order} onChange={(e) => p.setOrder(e.target.value as 'newest' | 'oldest')}>
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
        </select>
        <ColumnChooser stream={p.stream.trim()} />
      </div>
      {p.filterError && (
        <p className="field__error" role="alert">
          {p.filterError}
        </p>
      )}
      {p.filterHint && (
        <p className="muted" role="note" aria-label="Filter hint">
          {p.filterHint}
        </p>
      )}
      <p className="muted" role="status" aria-label="Preview state">
        {p.session ? (p.paused ? 'Paused' : 'Reading') : 'Stopped'} · {number.format(p.visible.length)} shown of{' '}
        {number.format(p.records.length)} buffered (keeps {number.format(p.bufferLimit)})
        {p.dropped > 0 && ` · ${number.format(p.dropped)} older records dropped from the buffer`}
      </p>
      <ShardStatusLine status={p.status} />
      <MaskingNotice sessionId={lastSession} />
      {p.error && <ErrorState title="Preview" message={p.error} />}
      {!p.session && p.records.length === 0 && !p.error && (
        <EmptyState title="No preview running" message="Choose a stream and a starting position, then start." />
      )}
      {p.records.length > 0 && <RecordTable stream={p.stream.trim()} records={p.visible} selectedId={p.selectedId} onSelect={select} />}
    </section>
  );

  return (
    <>
      <RecordsWithInspector id="preview" records={list} selected={selected} stream={p.stream} onClose={closeInspector} />
      {saving && (
        <SaveViewDialog
          page="preview"
          stream={p.stream.trim()}
          settings={{
            start: position.type === 'AT_TIMESTAMP' ? position.when : position.type,
            end: '',
            filter: p.filter.text,
            regex: p.filter.regex,
            expression: p.filter.field,
            columns: columns ?? [],
          }}
          onClose={() => setSaving(false)}
        />
      )}
    </>
  );
}
