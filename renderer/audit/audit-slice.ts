import type { CallInput } from '../../shared/contract';
import { messageOf, unwrap } from '../api/api-error';
import type { AuditFilters, AuditSlice } from '../state/audit-state';
import type { SliceCreator } from '../state/store';

/** A page of entries: enough to fill a tall window several times, small enough to answer at once. */
export const AUDIT_PAGE = 200;

function listInput(filters: AuditFilters, before?: number): CallInput<'audit:list'> {
  return {
    limit: AUDIT_PAGE,
    ...(filters.connection ? { connection: filters.connection } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.since ? { since: filters.since } : {}),
    ...(before !== undefined ? { before } : {}),
  };
}

export const createAuditSlice: SliceCreator<AuditSlice> = (api) => (set, get) => {
  // Each load is numbered, so a page asked under filters since changed is dropped when it lands.
  let asked = 0;

  return {
    auditEntries: null,
    auditMore: false,
    auditLoading: false,
    auditError: null,
    auditFilters: { connection: '', action: '', since: '' },
    auditChoices: { actions: [], connections: [] },
    auditFile: null,
    auditSelectedLine: null,
    auditVerification: null,
    auditVerifying: false,
    auditVerifyError: null,
    async loadAudit() {
      const ask = ++asked;
      set({ auditLoading: true, auditError: null });
      try {
        const page = await unwrap(api.audit.list(listInput(get().auditFilters)));
        if (ask !== asked) return;
        const kept = page.entries.some((entry) => entry.line === get().auditSelectedLine);
        set({
          auditEntries: page.entries,
          auditMore: page.more,
          auditChoices: { actions: page.actions, connections: page.connections },
          auditFile: page.file,
          auditSelectedLine: kept ? get().auditSelectedLine : null,
        });
      } catch (error) {
        if (ask === asked) set({ auditError: messageOf(error) });
      } finally {
        if (ask === asked) set({ auditLoading: false });
      }
    },
    async loadOlderAudit() {
      const loaded = get().auditEntries;
      const last = loaded?.at(-1);
      if (!loaded || !last || !get().auditMore || get().auditLoading) return;
      const ask = ++asked;
      set({ auditLoading: true, auditError: null });
      try {
        const page = await unwrap(api.audit.list(listInput(get().auditFilters, last.line)));
        if (ask === asked) set({ auditEntries: [...loaded, ...page.entries], auditMore: page.more });
      } catch (error) {
        if (ask === asked) set({ auditError: messageOf(error) });
      } finally {
        if (ask === asked) set({ auditLoading: false });
      }
    },
    async setAuditFilters(filters) {
      set({ auditFilters: { ...get().auditFilters, ...filters } });
      await get().loadAudit();
    },
    selectAuditEntry(auditSelectedLine) {
      set({ auditSelectedLine });
    },
    async verifyAudit() {
      set({ auditVerifying: true, auditVerifyError: null, auditVerification: null });
      try {
        set({ auditVerification: await unwrap(api.audit.verify()) });
      } catch (error) {
        set({ auditVerifyError: messageOf(error) });
      } finally {
        set({ auditVerifying: false });
      }
    },
  };
};
