import { useCallback } from 'react';
import type { RedriveFindOutput } from '../../shared/contract';
import { countOf } from '../../shared/plural';
import { useAppStore } from '../state/store';
import type { NoticeSource } from '../state/redrive-state';
import { count } from '../ui/format';
import { RecordsWithInspector } from '../ui/records/RecordsWithInspector';
import { RecordTable } from '../ui/records/RecordTable';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { NoticeFilePicker } from './NoticeFilePicker';
import { NoticeTable } from './NoticeTable';
import { RedriveDialog } from './RedriveDialog';
import './redrive.css';

const sourceText = (source: NoticeSource) =>
  source.kind === 'queue' ? `the queue ${source.queueUrl}` : source.texts.map((file) => file.name).join(', ');

/** What was found across the notices, the notices skipped and why, and what masking did. */
function FoundSummary({ found }: { found: RedriveFindOutput }) {
  const { totals, problems, ranges } = found.plan;
  return (
    <>
      {/* Facts, not live values: a definition list, not the Readouts' status tiles. */}
      <dl className="pairs failures__totals" aria-label="Failures found">
        {(
          [
            ['Notices', count(totals.notices)],
            ['Ranges read', count(ranges.length)],
            ['Records found', count(totals.found)],
            ['From S3 payloads', count(totals.fromPayload)],
            ['Expired', count(totals.expired)],
            ['Not looked for', count(totals.unread)],
          ] as const
        ).map(([label, value]) => (
          <div className="pairs__row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {found.truncated && (
        <p className="muted">More records were found than one view holds: the first {count(found.records.length)} are shown.</p>
      )}
      {found.masking.length > 0 && (
        <p className="muted" role="note" aria-label="Masking">
          Masked by the connection’s rules: {found.masking.map((m) => `${m.rule} (${countOf(m.matched, 'value')})`).join(', ')}.
        </p>
      )}
      {problems.length > 0 && (
        <details className="failures__problems" open={totals.notices === 0}>
          <summary>{countOf(problems.length, 'notice')} skipped</summary>
          <ul className="plain-list" aria-label="Notices skipped">
            {problems.map((problem) => (
              <li key={problem.source}>
                <span className="mono">{problem.source}</span>: {problem.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * Lambda's failure notices (invocation records of batches it gave up on) and the records behind
 * them, read from the stream in main and masked there; put back or exported through a plan.
 */
export function FailuresPage() {
  const source = useAppStore((s) => s.failuresSource);
  const failures = useAppStore((s) => s.failures);
  const selectedId = useAppStore((s) => s.selectedFailureId);
  const select = useAppStore((s) => s.selectFailure);
  const openDialog = useAppStore((s) => s.openRedriveDialog);
  const dialog = useAppStore((s) => s.redriveDialog);
  const settled = useAppStore((s) => s.redriveSettled);
  const closeInspector = useCallback(() => select(null), [select]);
  const found = failures?.status === 'ok' ? failures.data : null;
  const records = found?.records ?? [];
  const selected = selectedId ? records.find((r) => r.id === selectedId) : undefined;
  const stream = found?.plan.ranges[0]?.stream ?? found?.plan.notices[0]?.stream ?? '';
  const actionable = Boolean(found && found.plan.ranges.length > 0);

  const list = (
    <section className="page browser__list" aria-labelledby="failures-heading">
      <header className="page__header">
        <h1 id="failures-heading">Failures</h1>
        <div className="page__actions">
          <NoticeFilePicker />
          <button type="button" className="button" disabled={!actionable} onClick={() => openDialog('send')}>
            Send back…
          </button>
          <button type="button" className="button" disabled={!actionable} onClick={() => openDialog('export')}>
            Export…
          </button>
        </div>
      </header>
      {source && (
        <p className="muted" aria-label="Notices from">
          Notices from {sourceText(source)}
        </p>
      )}
      {settled && (
        <p className="muted" role="status" aria-label="Failure queue">
          {settled.refused ??
            `${countOf(settled.deleted, 'message')} deleted from the queue, ${countOf(settled.handedBack, 'message')} handed back.`}
        </p>
      )}
      {!source && (
        <EmptyState
          title="No failure notices open"
          message="Open invocation-record files (.json or .jsonl) that a Lambda on-failure destination received, or open a mapping’s failure queue from a stream’s Consumers panel."
        />
      )}
      {failures?.status === 'loading' && <LoadingState label="Finding the failed records" />}
      {failures?.status === 'error' && <ErrorState title="The notices could not be read" message={failures.error.message} />}
      {found && <FoundSummary found={found} />}
      {found && found.plan.notices.length > 0 && <NoticeTable notices={found.plan.notices} />}
      {found && found.plan.notices.length > 0 && records.length === 0 && (
        <EmptyState title="No record found" message="None of the notices’ records is in the stream any more: see Expired above." />
      )}
      {records.length > 0 && <RecordTable stream={stream} records={records} selectedId={selectedId} onSelect={select} />}
    </section>
  );

  return (
    <>
      <RecordsWithInspector id="failures" records={list} selected={selected} stream={stream} onClose={closeInspector} />
      {dialog && found && <RedriveDialog action={dialog} stream={stream} />}
    </>
  );
}
