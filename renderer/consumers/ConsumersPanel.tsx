import { useState, type FormEvent } from 'react';
import './consumers.css';
import { withRemedyText } from '../api/remedy-text';
import { ApplicationCard } from './ApplicationCard';
import { useConsumers } from './useConsumers';
import { useAppStore } from '../state/store';

/** Who reads the stream and how far behind: enhanced fan-out, KCL applications per shard, Lambda. */
export function ConsumersPanel({ stream }: { stream: string }) {
  const { report, history, error, leaseTables, setLeaseTables } = useConsumers(stream);
  const openFailures = useAppStore((s) => s.openFailures);
  const [tables, setTables] = useState(leaseTables.join(', '));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLeaseTables(
      tables
        .split(/[\s,]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    );
  };

  return (
    <section className="panel detail-panel" aria-label="Consumers">
      <header className="detail-panel__header">
        <h2>Consumers</h2>
        <form className="consumers__tables" onSubmit={submit}>
          <label htmlFor="lease-tables">KCL applications</label>
          <input
            id="lease-tables"
            className="input"
            value={tables}
            onChange={(e) => setTables(e.target.value)}
            placeholder="found by their lease tables"
            aria-describedby="lease-tables-help"
          />
          <button type="submit" className="button">
            Read
          </button>
        </form>
      </header>
      <p id="lease-tables-help" className="muted">
        Application (lease table) names, separated by commas; left empty, Shardscope looks for tables with the KCL&rsquo;s lease shape
        {report?.leaseTablesAt ? ` at ${report.leaseTablesAt}` : ''}. Measured every 5 s while shown, one read per shard.
      </p>
      {error && (
        <p className="notice-box" role="alert">
          {error}
        </p>
      )}
      {!report && !error && (
        <p className="muted" role="status" aria-busy="true">
          Reading consumers…
        </p>
      )}
      {report && (
        <>
          <h3>Enhanced fan-out</h3>
          {!report.enhancedFanOut.available ? (
            <p className="muted">Not available: {report.enhancedFanOut.reason}</p>
          ) : report.enhancedFanOut.items.length === 0 ? (
            <p className="muted">No consumers registered.</p>
          ) : (
            <ul className="plain-list" aria-label="Enhanced fan-out consumers">
              {report.enhancedFanOut.items.map((c) => (
                <li key={c.name}>
                  <span className="mono">{c.name}</span> <span className="badge">{c.status}</span>{' '}
                  <span className="muted">{c.createdAt ? `since ${new Date(c.createdAt).toLocaleString()}` : ''}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>KCL applications</h3>
          {!report.applications.available ? (
            <p className="muted">Not available: {withRemedyText(report.applications.reason, report.applications.remedy)}</p>
          ) : report.applications.items.length === 0 ? (
            <p className="muted">No lease table of this stream was found. Name the application above if it has one.</p>
          ) : (
            report.applications.items.map((app) => <ApplicationCard key={app.table} stream={stream} app={app} history={history} />)
          )}
          <h3>Lambda</h3>
          {!report.lambda.available ? (
            <p className="muted">Not available: {report.lambda.reason}</p>
          ) : report.lambda.items.length === 0 ? (
            <p className="muted">No event source mapping reads this stream.</p>
          ) : (
            <ul className="plain-list" aria-label="Lambda event source mappings">
              {report.lambda.items.map((m) => (
                <li key={m.uuid}>
                  <span className="mono">{m.functionArn?.split(':').pop() ?? m.uuid}</span> <span className="badge">{m.state ?? '?'}</span>{' '}
                  <span className="muted">
                    batch {m.batchSize ?? '?'}, from {m.startingPosition ?? '?'}, last: {m.lastProcessingResult ?? '–'}
                  </span>
                  <div className="muted">
                    On failure: {m.onFailure ? <span className="mono">{m.onFailure.destination}</span> : 'no destination'}{' '}
                    {m.onFailure?.queueUrl && (
                      <button
                        type="button"
                        className="button"
                        aria-label={`Open failures of ${m.functionArn?.split(':').pop() ?? m.uuid}`}
                        onClick={() => void openFailures({ kind: 'queue', queueUrl: m.onFailure!.queueUrl! })}
                      >
                        Open failures
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
