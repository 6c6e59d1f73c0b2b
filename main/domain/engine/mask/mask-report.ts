import type { SessionOwner } from '../../../core/sessions/session-owner';
import type { RecordMasker } from './masker';

/** Tells the read's owner what each rule masked, once the read ends: a rule at 0 may be a typo, not protection. */
export function sendMaskingReport(owner: SessionOwner, sessionId: string, masker: RecordMasker | undefined): void {
  if (masker?.active) owner.send('masking:report', { sessionId, rules: masker.report() });
}
