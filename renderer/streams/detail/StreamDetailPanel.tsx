import { useAppStore } from '../../state/store';
import { CopyButton } from '../../ui/CopyButton';
import { Panel } from '../../ui/Panel';
import { EmptyState } from '../../ui/States';
import { StatusBadge } from '../StatusBadge';
import { ShardMap } from './ShardMap';
import { SummaryList } from './SummaryList';
import { useStreamDetail } from './useStreamDetail';
import { useWhichShard } from './useWhichShard';
import { WhichShard } from './WhichShard';
import { HeatPanel } from './heat/HeatPanel';
import type { ReactNode } from 'react';
import type { ChangeKind } from '../../state/admin-state';

const changeMenu: [ChangeKind, string][] = [
  ['reshard', 'Shard count…'],
  ['split', 'Split a shard…'],
  ['merge', 'Merge shards…'],
  ['retention', 'Retention…'],
  ['mode', 'Capacity mode…'],
  ['encryption', 'Encryption…'],
  ['monitoring', 'Enhanced monitoring…'],
  ['tags', 'Tags…'],
  ['consumer', 'Fan-out consumers…'],
  ['delete', 'Delete stream…'],
];

/** consumers: the stream's consumer panel, a feature of its own that the app hands in. */
export function StreamDetailPanel({ name, onClose, consumers }: { name: string; onClose(): void; consumers: ReactNode }) {
  const detail = useStreamDetail(name);
  const which = useWhichShard(name);
  const setPermissionStream = useAppStore((state) => state.setPermissionStream);
  const goTo = useAppStore((state) => state.goTo);
  const setPreviewStream = useAppStore((state) => state.setPreviewStream);
  const openWriteDialog = useAppStore((state) => state.openWriteDialog);
  const openChange = useAppStore((state) => state.openChange);
  const previewOf = (stream: string) => {
    setPreviewStream(stream);
    goTo('preview');
  };
  const checkPermissionsOf = (stream: string) => {
    setPermissionStream(stream);
    goTo('permissions');
  };
  const { summary, shards, tags } = detail;

  return (
    <section className="browser__detail" aria-label={`Stream ${name}`}>
      <header className="page__header">
        <div className="detail__heading">
          <h1 className="detail__title">
            <span className="detail__name" title={name}>
              {name}
            </span>
            {summary.status === 'ok' && <StatusBadge status={summary.data.status} />}
          </h1>
          <CopyButton text={name} label={`Copy the name ${name}`} />
        </div>
        <div className="page__actions">
          <button type="button" className="button" onClick={() => previewOf(name)}>
            Preview records
          </button>
          <button type="button" className="button" onClick={() => openWriteDialog({ kind: 'put', stream: name })}>
            Put a record
          </button>
          <button type="button" className="button" onClick={() => openWriteDialog({ kind: 'copy', source: name })}>
            Copy to…
          </button>
          <select
            className="select"
            aria-label={`Change ${name}`}
            value=""
            onChange={(e) => e.target.value && openChange({ kind: e.target.value as ChangeKind, stream: name })}
          >
            <option value="">Change…</option>
            {changeMenu.map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={() => checkPermissionsOf(name)}>
            Check permissions
          </button>
          <button type="button" className="button" onClick={detail.reload} aria-label={`Reload ${name}`}>
            Reload
          </button>
          <button type="button" className="button" onClick={onClose} aria-label="Close stream details">
            Close
          </button>
        </div>
      </header>

      {detail.gone ? (
        <EmptyState title="This stream is gone" message={`“${name}” was deleted, or is no longer visible to this connection.`} />
      ) : (
        <>
          <Panel title="Summary" query={summary}>
            {(data) => (
              <SummaryList detail={data} closedShards={shards.status === 'ok' ? shards.data.shards.filter((s) => !s.open).length : null} />
            )}
          </Panel>
          {detail.cliCommand && (
            <section className="panel detail-panel" aria-label="AWS CLI">
              <header className="detail-panel__header">
                <h2>Same question, AWS CLI</h2>
                <CopyButton text={detail.cliCommand} label="Copy AWS CLI command" />
              </header>
              <code className="code-block">{detail.cliCommand}</code>
            </section>
          )}
          <WhichShard which={which} />
          <HeatPanel stream={name} />
          <Panel title="Shard map" query={shards}>
            {(data) => (
              <ShardMap
                shards={data.shards}
                highlight={which.result?.shardId ?? null}
                onSplit={(shardId) => openChange({ kind: 'split', stream: name, shardId })}
                onMerge={(shardId, adjacentShardId) => openChange({ kind: 'merge', stream: name, shardId, adjacentShardId })}
              />
            )}
          </Panel>
          {consumers}
          <Panel title="Tags" query={tags}>
            {(data) =>
              data.tags.length === 0 ? (
                <p className="muted">No tags.</p>
              ) : (
                <dl className="pairs" aria-label="Tags">
                  {data.tags.map((tag) => (
                    <div key={tag.key} className="pairs__row">
                      <dt>{tag.key}</dt>
                      <dd>{tag.value}</dd>
                    </div>
                  ))}
                </dl>
              )
            }
          </Panel>
        </>
      )}
    </section>
  );
}
