import { shortShardId } from '../../shared/format';
import type { RedrivePlan } from '../../shared/contract';
import { count } from '../ui/format';

type PlannedNotice = RedrivePlan['notices'][number];

/** Past this many rows the table says how many more there are: a failed deploy can leave thousands. */
const MAX_ROWS = 500;
const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const at = (iso: string) => time.format(new Date(iso));

/** The notices grouped by shard, then in the order their batches arrived. */
export function byShardAndTime(notices: readonly PlannedNotice[]): PlannedNotice[] {
  return [...notices].sort(
    (a, b) =>
      a.stream.localeCompare(b.stream) ||
      a.shardId.localeCompare(b.shardId) ||
      Date.parse(a.firstArrival) - Date.parse(b.firstArrival) ||
      (BigInt(a.start) < BigInt(b.start) ? -1 : BigInt(a.start) > BigInt(b.start) ? 1 : 0),
  );
}

/** A long sequence number's end, whole in its title: the start of two in one shard is the same. */
const Sequence = ({ value }: { value: string }) => <span title={value}>…{value.slice(-10)}</span>;

function Expired({ notice }: { notice: PlannedNotice }) {
  const outcome = notice.outcome;
  if (!outcome) return <span className="muted">not read</span>;
  if (outcome.unread > 0) return <span title={outcome.reason ?? undefined}>{count(outcome.unread)} not looked for</span>;
  if (outcome.expired === 0) return <>0</>;
  return (
    <span title={outcome.reason ?? undefined}>
      {count(outcome.expired)}
      {outcome.expiredAt ? `, since ${at(outcome.expiredAt)}` : ''}
      {outcome.reason ? <span className="muted"> ({outcome.reason})</span> : null}
    </span>
  );
}

/** Each failure notice: where its batch was, when it arrived, and what of it is still in the stream. */
export function NoticeTable({ notices }: { notices: readonly PlannedNotice[] }) {
  const rows = byShardAndTime(notices);
  const streams = new Set(rows.map((n) => n.stream)).size;
  return (
    <>
      {/* Focusable so the keyboard can scroll a table wider than the page. */}
      <div className="failures__scroll" tabIndex={0} role="group" aria-label="Failure notices, scrollable">
        <table className="table failures__notices" aria-label="Failure notices">
          <thead>
            <tr>
              <th scope="col">Shard</th>
              <th scope="col">First sequence</th>
              <th scope="col">Last sequence</th>
              <th scope="col">Arrival window</th>
              <th scope="col" className="table__number">
                Batch size
              </th>
              <th scope="col" className="table__number">
                Records found
              </th>
              <th scope="col">Expired</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((notice) => (
              <tr key={notice.source}>
                <th scope="row" className="mono" title={`${notice.shardId} of ${notice.stream}, from ${notice.source}`}>
                  {streams > 1 ? `${notice.stream} ` : ''}
                  {shortShardId(notice.shardId)}
                </th>
                <td className="mono">
                  <Sequence value={notice.start} />
                </td>
                <td className="mono">
                  <Sequence value={notice.end} />
                </td>
                <td>
                  {at(notice.firstArrival)} – {at(notice.lastArrival)}
                </td>
                <td className="table__number">{count(notice.batchSize)}</td>
                <td className="table__number">
                  {notice.outcome ? count(notice.outcome.found) : '–'}
                  {notice.outcome?.fromPayload ? ` (${count(notice.outcome.fromPayload)} from the S3 payload)` : ''}
                </td>
                <td>
                  <Expired notice={notice} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > MAX_ROWS && (
        <p className="muted">
          The first {count(MAX_ROWS)} of {count(rows.length)} notices are listed.
        </p>
      )}
    </>
  );
}
