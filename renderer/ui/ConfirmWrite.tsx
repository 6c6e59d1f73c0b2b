import { useState } from 'react';
import type { WriteTarget } from '../../shared/contract';
import { describeWriteTarget } from '../../shared/write-target';
import type { QueryState } from '../api/query-state';
import { ErrorState, LoadingState } from './States';

/** What a confirmation names, all from main's plan: where the write lands, the stream, and what is written. */
export interface WriteConfirmation {
  target: WriteTarget;
  stream: string;
  /** What will be written, as the plan knows it (records, bytes, pace), as label and value. */
  facts: [string, string][];
}

interface ConfirmProps {
  what: string;
  busy: boolean;
  onConfirm(): void;
  /** The button's words; "Write to STREAM" by default. */
  verb?: string;
}

/**
 * The last step of every write: "Review and write…" asks main for the plan (null: not asked yet),
 * and its answer is what is confirmed: where the write lands in the words every host uses, and
 * what is written. A refusal (a read-only connection, a record Kinesis would refuse) is the plan's.
 */
export function ConfirmWrite({
  plan,
  onReview,
  onBack,
  what,
  busy,
  onConfirm,
  verb,
}: ConfirmProps & { plan: QueryState<WriteConfirmation> | null; onReview(): void; onBack(): void }) {
  if (!plan)
    return (
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onReview}>
          Review and write…
        </button>
      </div>
    );
  if (plan.status === 'loading') return <LoadingState label="Planning the write" />;
  if (plan.status === 'error')
    return (
      <>
        <ErrorState title="Cannot write there" message={plan.error.message} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onBack}>
            Back
          </button>
        </div>
      </>
    );
  const { target, stream, facts } = plan.data;
  return (
    <section className="write-confirm" aria-label="Confirm the write">
      <p>
        {verb ? (
          what
        ) : (
          <>
            {what} into <strong className="mono">{stream}</strong>
          </>
        )}{' '}
        in {describeWriteTarget(target)}:
      </p>
      <dl className="pairs">
        <div className="pairs__row">
          <dt>Connection</dt>
          <dd>{target.connection}</dd>
        </div>
        <div className="pairs__row">
          <dt>Account</dt>
          {target.kind === 'sandbox' ? (
            <dd>none: the local sandbox, on this machine</dd>
          ) : (
            <dd className="mono">{target.account ?? 'unknown'}</dd>
          )}
        </div>
        <div className="pairs__row">
          <dt>Region</dt>
          <dd>{target.region}</dd>
        </div>
        {target.kind === 'endpoint' && target.endpoint && (
          <div className="pairs__row">
            <dt>Endpoint</dt>
            <dd className="mono">{target.endpoint}</dd>
          </div>
        )}
        <div className="pairs__row">
          <dt>Stream</dt>
          <dd className="mono">{stream}</dd>
        </div>
        {facts.map(([label, value]) => (
          <div className="pairs__row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy} aria-busy={busy}>
          {busy ? 'Writing…' : (verb ?? `Write to ${stream}`)}
        </button>
      </div>
    </section>
  );
}

/**
 * For a change planned as it is typed (stream changes, checkpoint moves): the plan is there
 * already, so "Review and write…" only shows it. Main does not refuse such a plan on a read-only
 * connection (the plan is worth reading there), so the refusal is said here and again by main.
 */
export function ConfirmPlannedWrite({
  confirmation,
  readOnly,
  ...confirm
}: ConfirmProps & { confirmation: WriteConfirmation; readOnly: boolean }) {
  const [asked, setAsked] = useState(false);
  if (readOnly)
    return (
      <p className="notice-box" role="alert">
        “{confirmation.target.connection}” is a read-only connection: Shardscope writes nothing on it. Make it writable on the Connections
        page to write.
      </p>
    );
  return (
    <ConfirmWrite
      {...confirm}
      plan={asked ? { status: 'ok', data: confirmation } : null}
      onReview={() => setAsked(true)}
      onBack={() => setAsked(false)}
    />
  );
}
