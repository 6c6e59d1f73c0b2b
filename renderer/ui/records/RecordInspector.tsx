import { useMemo, useState } from 'react';
import { bytesLeftOut, recordText, type PreviewRecord, type SchemaRefView } from '../../../shared/contract';
import { useAppStore } from '../../state/store';
import { CopyButton } from '../CopyButton';
import { RecordWriteActions } from './RecordWriteActions';
import { bytesOf, hexDump } from './hex';
import { JsonTree } from './JsonTree';
import { SchemaDialog } from './SchemaDialog';
import { ErrorState, LoadingState } from '../States';

type View = 'json' | 'raw' | 'hex';

/** "payments v2 in shop (id b7b4…)": the registry's words for where the schema came from. */
function schemaWords(schema: SchemaRefView): string {
  const version = schema.version !== null ? ` v${schema.version}` : '';
  return schema.registry === 'file'
    ? `${schema.name} (file ${schema.id})`
    : `${schema.name}${version} in ${schema.registry} (id ${schema.id})`;
}

/** Which branch each Avro union took: the JSON shows only the value. */
function UnionBranches({ branches }: { branches: Record<string, string> }) {
  return (
    <details className="inspector__branches" aria-label="Union branches">
      <summary>Union branches ({Object.keys(branches).length})</summary>
      <dl className="pairs">
        {Object.entries(branches).map(([path, branch]) => (
          <div key={path} className="pairs__row">
            <dt className="mono">{path}</dt>
            <dd className="mono">{branch}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function RecordInspector({ record, stream, onClose }: { record: PreviewRecord; stream: string; onClose(): void }) {
  const fetched = useAppStore((state) => (state.fullRecord?.id === record.id ? state.fullRecord.state : null));
  const loadFullRecord = useAppStore((state) => state.loadFullRecord);
  const full = fetched?.status === 'ok' ? fetched.data : null;
  const loadError = fetched?.status === 'error' ? fetched.error.message : null;
  const shown = full ?? record;
  const hasJson = shown.json !== undefined;
  // A masked record's bytes are the clear ones: it offers only its masked value, as a tree or as text.
  const views: readonly View[] = shown.masked ? [hasJson ? 'json' : 'raw'] : ['json', 'raw', 'hex'];
  const [chosen, setView] = useState<View>(hasJson ? 'json' : 'raw');
  const view = views.includes(chosen) ? chosen : views[0]!;
  const raw = useMemo(
    () => (shown.encoding === 'json' && shown.json !== undefined ? JSON.stringify(shown.json, null, 2) : recordText(shown)),
    [shown],
  );
  // The live preview sends a decoded record without its bytes as read: the hex view fetches them.
  const awaitingBytes = bytesLeftOut(shown);
  const hex = useMemo(() => (view === 'hex' && !shown.masked && !bytesLeftOut(shown) ? hexDump(bytesOf(shown)) : ''), [shown, view]);

  const loadFull = () => loadFullRecord(record, stream);
  const showSchema = useAppStore((state) => state.showSchema);
  const show = (next: View) => {
    setView(next);
    if (next === 'hex' && !shown.masked && awaitingBytes && fetched?.status !== 'loading') void loadFull();
  };

  return (
    <section className="panel inspector" aria-label="Record inspector">
      <header className="detail-panel__header">
        <h2>Record</h2>
        <button type="button" className="button" onClick={onClose} aria-label="Close record inspector">
          Close
        </button>
      </header>
      <dl className="pairs">
        {(
          [
            ['Shard', shown.shardId],
            [
              'Sequence number',
              `${shown.sequenceNumber}${shown.subSequenceNumber !== null ? ` (user record ${shown.subSequenceNumber} of a KPL aggregate)` : ''}`,
            ],
            ['Partition key', shown.partitionKey],
            ['Arrival', new Date(shown.arrivalTime).toLocaleString()],
            ['Size', `${shown.size} bytes${shown.compression ? `, ${shown.compression}-compressed` : ''}`],
            ['Encoding', shown.schema ? `${shown.encoding}, decoded from ${shown.schema.format}` : shown.encoding],
            ...(shown.schema ? ([['Schema', schemaWords(shown.schema)]] as const) : []),
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="pairs__row">
            <dt>{label}</dt>
            <dd className="copyable">
              <span className="mono">{value}</span>
              {(label === 'Sequence number' || label === 'Partition key') && (
                <CopyButton
                  text={label === 'Sequence number' ? shown.sequenceNumber : shown.partitionKey}
                  label={`Copy ${label.toLowerCase()}`}
                />
              )}
            </dd>
          </div>
        ))}
      </dl>
      {shown.schema && (
        <div className="toolbar">
          <button
            type="button"
            className="button button--small"
            onClick={() => void showSchema({ registry: shown.schema!.registry, id: shown.schema!.id })}
          >
            View schema
          </button>
        </div>
      )}
      <SchemaDialog />
      {shown.unionBranches && <UnionBranches branches={shown.unionBranches} />}
      <RecordWriteActions record={shown} stream={stream} complete={!shown.truncated || Boolean(full)} />
      {shown.error && (
        <p className="notice-box" role="note">
          Shown raw: {shown.error}
        </p>
      )}
      {shown.truncated && !full && (
        <p className="notice-box">
          This preview is cut at 16 KiB.{' '}
          <button type="button" className="button button--small" onClick={() => void loadFull()}>
            Load the full record
          </button>
          {loadError && <span className="field__error"> {loadError}</span>}
        </p>
      )}
      {shown.masked && (
        <p className="notice-box" role="note" aria-label="Masked record">
          Raw bytes are not shown: this record is masked. Values marked “masked” were put in place by this connection&apos;s masking rules.
        </p>
      )}
      <div className="tabs" role="tablist" aria-label="Record view">
        {views.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            className={view === v ? 'tab tab--active' : 'tab'}
            onClick={() => show(v)}
            disabled={v === 'json' && !hasJson}
          >
            {v === 'json' ? 'JSON tree' : v === 'raw' ? (shown.masked ? 'Masked text' : 'Raw') : 'Hex'}
          </button>
        ))}
        <span className="frame__spacer" />
        <CopyButton text={view === 'hex' ? hex : raw} label="Copy record data" />
      </div>
      <div
        role="tabpanel"
        className="inspector__body"
        aria-label={view === 'json' ? 'JSON tree' : view === 'raw' ? 'Raw data' : 'Hex dump'}
      >
        {view === 'json' && hasJson && <JsonTree value={shown.json} masked={shown.masked ?? false} />}
        {view === 'raw' && <pre className="code-block">{raw}</pre>}
        {view === 'hex' && !shown.masked && !awaitingBytes && <pre className="code-block">{hex}</pre>}
        {view === 'hex' &&
          !shown.masked &&
          awaitingBytes &&
          (loadError ? (
            <ErrorState title="The record's bytes could not be read" message={loadError} onRetry={() => void loadFull()} />
          ) : (
            <LoadingState label="Reading the record's bytes" />
          ))}
      </div>
    </section>
  );
}
