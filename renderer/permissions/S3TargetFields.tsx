import type { PermissionS3Target } from '../state/permissions-state';
import { readS3Location, s3LocationRefusal } from '../../shared/s3-location';

/** What is wrong with the prefix as typed, by the rules main applies, or null (none given is fine). */
function prefixProblem(text: string): string | null {
  if (!text.trim()) return null;
  const read = readS3Location(text);
  return 'problem' in read ? s3LocationRefusal(text.trim(), read.problem) : null;
}

/** A run's S3 output and its encryption, checked beside the stream: what writing there needs. */
export function S3TargetFields({ target, onChange }: { target: PermissionS3Target; onChange(target: PermissionS3Target): void }) {
  const problem = prefixProblem(target.to);
  return (
    <>
      <label className="field">
        <span className="field__label">Run output in S3 (optional)</span>
        <input
          className="input mono"
          value={target.to}
          onChange={(e) => onChange({ ...target, to: e.target.value })}
          placeholder="s3://my-bucket/orders/"
          aria-invalid={Boolean(problem)}
          spellCheck={false}
        />
        {problem && <span className="field__error">{problem}</span>}
      </label>
      {target.to.trim() && (
        <label className="field">
          <span className="field__label">Its encryption</span>
          <select
            className="select"
            value={target.sse}
            onChange={(e) => onChange({ ...target, sse: e.target.value as PermissionS3Target['sse'] })}
          >
            <option value="none">None (the bucket's default)</option>
            <option value="AES256">SSE-S3 (AES256)</option>
            <option value="aws:kms">SSE-KMS (aws:kms)</option>
          </select>
        </label>
      )}
      {target.to.trim() && target.sse === 'aws:kms' && (
        <label className="field">
          <span className="field__label">Its KMS key</span>
          <input
            className="input mono"
            value={target.kmsKeyId}
            onChange={(e) => onChange({ ...target, kmsKeyId: e.target.value })}
            placeholder="alias/data-lake"
            spellCheck={false}
          />
        </label>
      )}
    </>
  );
}
