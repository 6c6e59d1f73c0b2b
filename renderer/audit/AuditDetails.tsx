import type { ReactNode } from 'react';
import type { AuditListEntry } from '../state/audit-state';
import { CopyButton } from '../ui/CopyButton';
import { actionInWords, localTime, outcomeWords } from './audit-words';

function Pair({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="pairs__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * One entry in full: who, the confirmed plan, its token and the whole outcome. It follows the
 * selection without taking focus, so the arrow keys keep moving through the table; Tab reaches it.
 */
export function AuditDetails({ entry, onClose }: { entry: AuditListEntry; onClose(): void }) {
  const { who, what, outcome } = entry;
  const connection = who.connection;

  return (
    <section className="browser__detail audit-details" aria-labelledby="audit-entry-heading">
      <header className="page__header">
        <h2 id="audit-entry-heading">
          {actionInWords(entry.action)}{' '}
          <span className={`badge audit-outcome audit-outcome--${outcome.status}`}>{outcomeWords[outcome.status]}</span>
        </h2>
        <button type="button" className="button" onClick={onClose} aria-label="Close the entry's details">
          Close
        </button>
      </header>
      <dl className="pairs" aria-label="The change">
        <Pair term="When">
          <time dateTime={entry.at}>{localTime(entry.at)}</time> <span className="muted mono">{entry.at}</span>
        </Pair>
        <Pair term="Action">
          <span className="mono">{entry.action}</span>
        </Pair>
        <Pair term="Summary">{what.summary}</Pair>
        <Pair term="Stream">{what.stream ? <span className="mono">{what.stream}</span> : 'none'}</Pair>
        <Pair term="OS user">
          {who.osUser} <span className="muted">on the {who.host} host</span>
        </Pair>
        <Pair term="Connection">
          {connection
            ? `${connection.name} (${connection.kind}, ${connection.region}${connection.endpoint ? `, ${connection.endpoint}` : ''})`
            : 'none'}
        </Pair>
        <Pair term="Account">{who.account ?? `unknown${who.identityUnknown ? `: ${who.identityUnknown}` : ''}`}</Pair>
        {who.arn && (
          <Pair term="ARN">
            <span className="mono">{who.arn}</span>
          </Pair>
        )}
        <Pair term="Plan token">
          {what.token ? (
            <span className="copyable">
              <span className="mono">{what.token}</span>
              <CopyButton text={what.token} label="Copy the plan token" />
            </span>
          ) : (
            'none: this change took no confirmed plan'
          )}
        </Pair>
        <Pair term="Line in the log">{entry.line}</Pair>
      </dl>
      <h3>Plan</h3>
      {Object.keys(what.plan).length ? (
        <pre className="code-block" aria-label="The confirmed plan" tabIndex={0}>
          {JSON.stringify(what.plan, null, 2)}
        </pre>
      ) : (
        <p className="muted">No parameters recorded.</p>
      )}
      <h3>Outcome</h3>
      <dl className="pairs" aria-label="Outcome">
        <Pair term="Status">{outcomeWords[outcome.status]}</Pair>
        <Pair term="Summary">{outcome.summary}</Pair>
        {outcome.counts &&
          Object.entries(outcome.counts).map(([name, value]) => (
            <Pair key={name} term={name}>
              {value.toLocaleString()}
            </Pair>
          ))}
        {outcome.error && (
          <Pair term="Error">
            <span className="mono">{outcome.error.class ?? outcome.error.code}</span>: {outcome.error.message}
          </Pair>
        )}
      </dl>
    </section>
  );
}
