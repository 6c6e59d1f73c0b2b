import type { CallOutput } from '../../shared/contract';

export type AuditListEntry = CallOutput<'audit:list'>['entries'][number];

/** What the audit page is narrowed to; '' is "any". `since` is an ISO time. */
export interface AuditFilters {
  connection: string;
  action: string;
  since: string;
}

export interface AuditSlice {
  /** Newest first; null before the first page has come. */
  auditEntries: AuditListEntry[] | null;
  /** More entries match than are loaded. */
  auditMore: boolean;
  auditLoading: boolean;
  auditError: string | null;
  auditFilters: AuditFilters;
  /** Every action and connection name in the log: the filters' choices. */
  auditChoices: { actions: string[]; connections: string[] };
  auditFile: string | null;
  /** The open entry, by its line in the file. */
  auditSelectedLine: number | null;
  auditVerification: CallOutput<'audit:verify'> | null;
  auditVerifying: boolean;
  auditVerifyError: string | null;
  loadAudit(): Promise<void>;
  loadOlderAudit(): Promise<void>;
  setAuditFilters(filters: Partial<AuditFilters>): Promise<void>;
  selectAuditEntry(line: number | null): void;
  verifyAudit(): Promise<void>;
}
