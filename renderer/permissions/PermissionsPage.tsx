import { CopyButton } from '../ui/CopyButton';
import { StreamCombobox } from '../ui/picker/StreamCombobox';
import { ErrorState } from '../ui/States';
import { PermissionTable } from './PermissionTable';
import { usePermissionCheck } from './usePermissionCheck';
import { S3TargetFields } from './S3TargetFields';

export function PermissionsPage() {
  const p = usePermissionCheck();
  const policyText = p.report?.fixPolicy ? JSON.stringify(p.report.fixPolicy, null, 2) : null;

  return (
    <section className="page" aria-labelledby="permissions-heading">
      <header className="page__header">
        <h1 id="permissions-heading">Permissions</h1>
      </header>
      <p className="muted page__intro">
        Checks each IAM action on a stream with a call that changes nothing, and writes the policy that grants exactly what is missing.
      </p>
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void p.check();
        }}
      >
        <StreamCombobox label="Stream to check" value={p.stream} onChange={p.setStream} />
        <S3TargetFields target={p.s3} onChange={p.setS3} />
        <label className="radio">
          <input type="checkbox" checked={p.writeProbe} onChange={(e) => p.setWriteProbe(e.target.checked)} />
          Also check writing (writes one test record with PutRecord and one with PutRecords; with an S3 prefix, one small object there, then
          deletes it)
        </label>
        <label className="radio">
          <input type="checkbox" checked={p.admin} onChange={(e) => p.setAdmin(e.target.checked)} />
          Grant stream changes too (create, reshard, retention, tags…) in the policy below
        </label>
        <button type="submit" className="button button--primary" disabled={p.checking || p.stream.trim() === ''}>
          {p.checking ? 'Checking…' : p.report ? 'Re-check' : 'Check permissions'}
        </button>
      </form>

      {p.error && <ErrorState title="The checks could not run" message={p.error} onRetry={() => void p.check()} />}
      {p.report && (
        <>
          <p className={p.verdict?.ready ? 'verdict verdict--ok' : 'verdict verdict--blocked'} role="status" aria-label="Verdict">
            {p.verdict?.text}
          </p>
          <PermissionTable report={p.report} />
          {p.report.kmsKey && (
            <p className="notice-box" role="note">
              Reading is blocked by the stream&apos;s KMS key <span className="mono">{p.report.kmsKey}</span>: the caller needs kms:Decrypt
              on that key.
            </p>
          )}
          {policyText ? (
            <section className="panel detail-panel" aria-label="Policy that fixes it">
              <header className="detail-panel__header">
                <h2>Policy that grants exactly what is missing</h2>
                <CopyButton text={policyText} label="Copy policy" />
              </header>
              <pre className="code-block" aria-label="Fix policy">
                {policyText}
              </pre>
              {p.report.actions.some((a) => a.reason?.includes('explicit deny')) && (
                <p className="notice-box">
                  An explicit Deny refuses at least one action: no Allow overrides it. Remove or narrow the Deny statement.
                </p>
              )}
            </section>
          ) : (
            <p className="muted">Nothing is missing: no policy change needed.</p>
          )}
          <section className="panel detail-panel" aria-label="Explanation">
            <header className="detail-panel__header">
              <h2>Why</h2>
              <button type="button" className="button" onClick={() => void p.explain()} disabled={p.explaining}>
                {p.explaining ? 'Asking the simulator…' : 'Explain with the IAM policy simulator'}
              </button>
            </header>
            {p.explanation && !p.explanation.available && <p className="muted">Not available: {p.explanation.reason}</p>}
            {p.explanation?.available && (
              <ul className="plain-list" aria-label="Simulator results">
                {p.explanation.results.map((r) => (
                  <li key={r.action}>
                    <span className="mono">{r.action}</span>: {r.decision}
                    {r.statements.length > 0 &&
                      ` (${r.statements.map((s) => `${s.policy}${s.startLine ? `, line ${s.startLine}` : ''}`).join('; ')})`}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
