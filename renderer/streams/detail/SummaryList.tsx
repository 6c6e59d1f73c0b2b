import type { StreamDetail } from '../../../shared/contract';
import { useAppStore } from '../../state/store';
import { CopyButton } from '../../ui/CopyButton';
import { consumerCountText } from './consumer-count';

export function SummaryList({ detail, closedShards }: { detail: StreamDetail; closedShards: number | null }) {
  // The Consumers panel below watches this stream: its report counts the readers Kinesis does not.
  const report = useAppStore((s) => (s.consumersStream === detail.name ? s.consumersReport : null));
  const rows: [string, React.ReactNode][] = [
    [
      'ARN',
      <span className="copyable" key="arn">
        <span className="mono">{detail.arn}</span>
        <CopyButton text={detail.arn} label="Copy ARN" />
      </span>,
    ],
    ['Capacity mode', detail.mode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'],
    ['Retention', `${detail.retentionHours} hours`],
    [
      'Encryption',
      detail.encryption.type === 'NONE'
        ? 'None'
        : `${detail.encryption.type}${detail.encryption.keyId ? ` · ${detail.encryption.keyId}` : ''}`,
    ],
    ['Created', detail.createdAt ? new Date(detail.createdAt).toLocaleString() : 'Unknown'],
    ['Shards', `${detail.openShards} open${closedShards === null ? '' : `, ${closedShards} closed`}`],
    ['Enhanced monitoring', detail.enhancedMonitoring.length ? detail.enhancedMonitoring.join(', ') : 'Off'],
    ['Consumers', consumerCountText(detail.consumerCount, report)],
  ];
  return (
    <dl className="pairs">
      {rows.map(([label, value]) => (
        <div key={label} className="pairs__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
