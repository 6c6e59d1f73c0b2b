import { formatCheckpoint, formatLag } from '../../shared/format';
import type { Application, Checkpoint, ShardCondition } from '../../shared/contract';
import { useAppStore } from '../state/store';
import { LagChart } from './LagChart';
import type { LagPoint } from '../state/consumers-state';

const formats: Record<Application['format'], string> = { 'kcl-1': 'KCL 1.x', 'kcl-2': 'KCL 2.x', 'kcl-3': 'KCL 3.x' };
const matches: Record<Application['match'], string> = {
  named: 'named by you',
  'stream-in-lease': 'its leases name this stream',
  'shard-ids': 'found by its shard ids (single-stream leases do not name their stream)',
};
export const conditionText: Record<ShardCondition, string> = {
  'not-leased': 'not leased',
  'no-owner': 'no owner',
  'stuck-owner': 'stuck owner',
  'waiting-for-parent': 'waiting for parent',
  throttled: 'throttled',
  'far-behind': 'far behind',
  'keeping-up': 'keeping up',
  finished: 'finished',
};
const troubled = (condition: ShardCondition) => !['keeping-up', 'finished'].includes(condition);

export const checkpointText = (checkpoint: Checkpoint | null) => formatCheckpoint(checkpoint, true);

/** One KCL application: why it is behind, its lag over time, and each shard's lease and checkpoint. */
export function ApplicationCard({ stream, app, history }: { stream: string; app: Application; history: readonly LagPoint[] }) {
  const openMove = useAppStore((s) => s.openMoveDialog);
  const readOnly = useAppStore((s) => s.connection?.readOnly ?? false);
  // A table matched only by shard ids may be another stream's application: moves need it named.
  const movable = !readOnly && app.match !== 'shard-ids';
  return (
    <section className="consumer-app" aria-label={`KCL application ${app.table}`}>
      <header className="consumer-app__header">
        <h4 className="mono">{app.table}</h4>
        <span className="badge">{formats[app.format]}</span>
        <span className="muted">{matches[app.match]}</span>
        {movable && app.shards.length > 0 && (
          <button
            type="button"
            className="button"
            onClick={() => openMove({ stream, table: app.table, shardId: null })}
            aria-label={`Move checkpoints of ${app.table}`}
          >
            Move checkpoints…
          </button>
        )}
        {!readOnly && !movable && <span className="muted">Name it above to move its checkpoints.</span>}
      </header>
      {app.error ? (
        <p className="notice-box" role="note">
          {app.error}
        </p>
      ) : (
        <>
          {app.worst && (
            <p className={troubled(app.worst.condition) ? 'consumer-app__worst consumer-app__worst--trouble' : 'consumer-app__worst'}>
              {app.worst.text}
            </p>
          )}
          <p className="muted">Workers: {app.workers.length ? app.workers.join(', ') : 'none hold a lease'}</p>
          <LagChart table={app.table} shardIds={app.shards.map((s) => s.shardId)} history={history} />
          {/* Focusable, so a keyboard can scroll a table wider than the panel. */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`Shards of ${app.table}, scrollable`}>
            <table className="table" aria-label={`Shards of ${app.table}`}>
              <thead>
                <tr>
                  <th scope="col">Shard and owner</th>
                  <th scope="col">Checkpoint</th>
                  <th scope="col" className="table__number">
                    Lag
                  </th>
                  <th scope="col" className="table__number">
                    Behind
                  </th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {app.shards.map((s) => (
                  <tr key={s.shardId}>
                    <td className="mono table__nowrap">
                      {s.shardId}
                      {!s.open && <span className="muted"> (closed)</span>}
                      <span className="muted consumer-app__note">{s.owner ?? 'no owner'}</span>
                    </td>
                    <td className="mono" title={s.checkpoint?.type === 'sequence' ? s.checkpoint.sequenceNumber : undefined}>
                      {checkpointText(s.checkpoint)}
                      {s.checkpointArrivedAt && (
                        <span className="muted consumer-app__note">arrived {new Date(s.checkpointArrivedAt).toLocaleTimeString()}</span>
                      )}
                    </td>
                    <td className="table__number">{formatLag(s.lagMillis)}</td>
                    <td className="table__number">
                      {s.recordsBehind ? `${s.recordsBehind.exact ? '' : '≥ '}${s.recordsBehind.count}` : '–'}
                    </td>
                    <td className="consumer-app__state">
                      <span className={troubled(s.condition) ? 'badge badge--deleting' : 'badge badge--active'}>
                        {conditionText[s.condition]}
                      </span>
                      {s.note && <span className="muted consumer-app__note">{s.note}</span>}
                    </td>
                    <td className="table__actions">
                      {movable && s.checkpoint && (
                        <button
                          type="button"
                          className="button"
                          onClick={() => openMove({ stream, table: app.table, shardId: s.shardId })}
                          aria-label={`Move the checkpoint of ${s.shardId} in ${app.table}`}
                        >
                          Move…
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
