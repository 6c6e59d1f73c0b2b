import { useState } from 'react';

export interface WriteTargetFacts {
  connection: string;
  account: string | null;
  region: string | null;
  stream: string;
  readOnly: boolean;
  /** The sandbox has no account: the confirmation says it is the local sandbox instead. */
  sandbox?: boolean;
}

/**
 * The last step of every write: what will be written where, named in full (connection, account,
 * stream), and a button that says it. A read-only connection is said here; main refuses anyway.
 */
export function ConfirmWrite({
  facts,
  what,
  busy,
  onConfirm,
  verb,
}: {
  facts: WriteTargetFacts;
  what: string;
  busy: boolean;
  onConfirm(): void;
  /** The button's words; "Write to STREAM" by default. */
  verb?: string;
}) {
  const [asked, setAsked] = useState(false);
  if (facts.readOnly)
    return (
      <p className="notice-box" role="alert">
        “{facts.connection}” is a read-only connection: Shardscope writes nothing on it. Make it writable on the Connections page to write.
      </p>
    );
  if (!asked)
    return (
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={() => setAsked(true)}>
          Review and write…
        </button>
      </div>
    );
  return (
    <section className="write-confirm" aria-label="Confirm the write">
      <p>
        {verb ? (
          what
        ) : (
          <>
            {what} into <strong className="mono">{facts.stream}</strong>
          </>
        )}
        :
      </p>
      <dl className="pairs">
        <div className="pairs__row">
          <dt>Connection</dt>
          <dd>{facts.connection}</dd>
        </div>
        <div className="pairs__row">
          <dt>Account</dt>
          {facts.sandbox ? <dd>none: the local sandbox, on this machine</dd> : <dd className="mono">{facts.account ?? 'unknown'}</dd>}
        </div>
        {facts.region && (
          <div className="pairs__row">
            <dt>Region</dt>
            <dd>{facts.region}</dd>
          </div>
        )}
        <div className="pairs__row">
          <dt>Stream</dt>
          <dd className="mono">{facts.stream}</dd>
        </div>
      </dl>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => setAsked(false)} disabled={busy}>
          Back
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy} aria-busy={busy}>
          {busy ? 'Writing…' : (verb ?? `Write to ${facts.stream}`)}
        </button>
      </div>
    </section>
  );
}
