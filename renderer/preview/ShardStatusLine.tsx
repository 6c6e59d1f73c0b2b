import type { PreviewStatus } from '../../shared/contract';
import { shortShardId } from '../../shared/format';

const number = new Intl.NumberFormat();

/** Where each shard's reader is: position, lag behind the newest record, throttled calls. */
export function ShardStatusLine({ status }: { status: PreviewStatus | null }) {
  if (!status) return null;
  return (
    <ul className="shard-status" aria-label="Shard status">
      {status.shards.map((s) => (
        <li key={s.shardId} className={`shard-status__item shard-status__item--${s.state}`} title={s.note ?? undefined}>
          <span className="mono">{shortShardId(s.shardId)}</span> {s.state}
          {s.millisBehindLatest !== null &&
            s.state !== 'ended' &&
            ` · ${number.format(Math.round(s.millisBehindLatest / 1000))} s behind`}{' '}
          · {number.format(s.records)} read
          {s.throttled > 0 && ` · ${s.throttled} throttled`}
          {s.lastSequenceNumber && <span className="muted"> · at …{s.lastSequenceNumber.slice(-8)}</span>}
        </li>
      ))}
    </ul>
  );
}
