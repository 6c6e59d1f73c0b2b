import { useAppStore } from '../state/store';

export function VerifyChainButton() {
  const verifying = useAppStore((s) => s.auditVerifying);
  const verify = useAppStore((s) => s.verifyAudit);
  return (
    <button type="button" className="button" onClick={() => void verify()} disabled={verifying}>
      {verifying ? 'Verifying…' : 'Verify the chain'}
    </button>
  );
}

/** What verifying found: a break is an alert naming the line and why; a chain that holds, a status. */
export function ChainResult() {
  const verification = useAppStore((s) => s.auditVerification);
  const error = useAppStore((s) => s.auditVerifyError);
  if (error)
    return (
      <p className="audit-chain audit-chain--broken" role="alert">
        The chain could not be verified: {error}
      </p>
    );
  if (verification?.broken)
    return (
      <p className="audit-chain audit-chain--broken" role="alert">
        The chain is broken at line {verification.broken.line}: {verification.broken.reason}.
      </p>
    );
  if (verification?.ok)
    return (
      <p className="audit-chain audit-chain--ok" role="status">
        The chain holds: {verification.lines.toLocaleString()} {verification.lines === 1 ? 'entry' : 'entries'} checked.
      </p>
    );
  return null;
}
