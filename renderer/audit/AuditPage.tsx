import { useCallback, useEffect } from 'react';
import { useAppStore } from '../state/store';
import { useEscapeCloses } from '../ui/shortcuts';
import { SplitPanes } from '../ui/SplitPanes';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { AuditDetails } from './AuditDetails';
import { AuditFilterBar } from './AuditFilterBar';
import { AuditTable } from './AuditTable';
import { ChainResult, VerifyChainButton } from './ChainCheck';
import './audit.css';

/** The audit log: every change any host made, newest first, and the entry selected beside it. */
export function AuditPage() {
  const entries = useAppStore((s) => s.auditEntries);
  const selectedLine = useAppStore((s) => s.auditSelectedLine);
  const select = useAppStore((s) => s.selectAuditEntry);
  const loadAudit = useAppStore((s) => s.loadAudit);
  const closeDetail = useCallback(() => select(null), [select]);
  const selected = entries?.find((entry) => entry.line === selectedLine) ?? null;
  useEscapeCloses(selected ? closeDetail : null);
  // Each visit reads the log again: changes made meanwhile, here or from the CLI, show at the top.
  useEffect(() => void loadAudit(), [loadAudit]);

  return (
    <div className={selected ? 'browser browser--with-detail' : 'browser'}>
      <SplitPanes
        id="audit"
        label="Resize the audit log and the entry's details"
        first={<AuditListSection />}
        second={selected ? <AuditDetails entry={selected} onClose={closeDetail} /> : null}
      />
    </div>
  );
}

function AuditListSection() {
  const entries = useAppStore((s) => s.auditEntries);
  const loading = useAppStore((s) => s.auditLoading);
  const error = useAppStore((s) => s.auditError);
  const more = useAppStore((s) => s.auditMore);
  const file = useAppStore((s) => s.auditFile);
  const filters = useAppStore((s) => s.auditFilters);
  const selectedLine = useAppStore((s) => s.auditSelectedLine);
  const select = useAppStore((s) => s.selectAuditEntry);
  const loadAudit = useAppStore((s) => s.loadAudit);
  const loadOlder = useAppStore((s) => s.loadOlderAudit);
  const filtered = Boolean(filters.connection || filters.action || filters.since);

  return (
    <section className="page browser__list" aria-labelledby="audit-heading">
      <header className="page__header">
        <h1 id="audit-heading">Audit log</h1>
        <div className="page__actions">
          <button type="button" className="button" onClick={() => void loadAudit()} disabled={loading}>
            {loading ? 'Reading…' : 'Refresh'}
          </button>
          <VerifyChainButton />
        </div>
      </header>
      <p className="muted page__intro">
        Every change made by the desktop app, the browser host and CLI commands, newest first
        {file ? (
          <>
            , from <span className="mono">{file}</span>
          </>
        ) : null}
        .
      </p>
      <ChainResult />
      <AuditFilterBar />
      {error && <ErrorState title="The audit log could not be read" message={error} onRetry={() => void loadAudit()} />}
      {!error && entries === null && <LoadingState label="Reading the audit log" />}
      {entries?.length === 0 && !error && (
        <EmptyState
          title={filtered ? 'No entry matches' : 'No changes recorded yet'}
          message={
            filtered
              ? 'No change in the log matches these filters: clear one to see more.'
              : 'Puts, produces, copies, stream changes, checkpoint moves and saved connections are recorded here as they are made.'
          }
        />
      )}
      {entries && entries.length > 0 && (
        <>
          <AuditTable entries={entries} selectedLine={selectedLine} onSelect={select} />
          <p className="audit-page__footer muted" role="status">
            {entries.length.toLocaleString()} {entries.length === 1 ? 'entry' : 'entries'} shown{more ? ', older ones not yet read' : ''}.
            {more && (
              <button type="button" className="button" onClick={() => void loadOlder()} disabled={loading}>
                Load older entries
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
