import type { CapacityEstimate, ModeCost } from '../../../../shared/contract';
import { formatSize } from '../../../../shared/format';
import { useAppStore } from '../../../state/store';

const money = (value: number) => `$${value.toFixed(2)}`;
const rate = (n: number) => (n >= 100 ? Math.round(n).toLocaleString() : n.toFixed(1));
const quantity = (n: number) => (n >= 1000 ? Math.round(n).toLocaleString() : Number(n.toPrecision(4)).toString());
const LIMIT_WORDS = { 'records-in': 'records in', 'bytes-in': 'bytes in', 'bytes-out': 'bytes read out' } as const;

function CostLines({ title, cost, cheaper }: { title: string; cost: ModeCost; cheaper: boolean }) {
  return (
    <table className="table heat__cost" aria-label={`${title} cost a month`}>
      <caption>
        {title}: <strong>{money(cost.monthly)}</strong> a month{cheaper ? ' (cheaper)' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Quantity</th>
          <th scope="col">Cost</th>
        </tr>
      </thead>
      <tbody>
        {cost.lines.map((line) => (
          <tr key={line.item}>
            <th scope="row">{line.item}</th>
            <td>
              {quantity(line.quantity)} {line.unit} at ${line.unitPrice}
            </td>
            <td>{money(line.cost)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EstimateView({ estimate }: { estimate: CapacityEstimate }) {
  const { profile, shards } = estimate;
  const verdict =
    estimate.cheaper === 'equal'
      ? 'Both modes cost the same.'
      : `${estimate.cheaper === 'provisioned' ? 'Provisioned' : 'On-demand'} is cheaper by ${money(Math.abs(estimate.provisioned.monthly - estimate.onDemand.monthly))} a month.`;
  return (
    <>
      <p aria-label="Shards needed at peak">
        At this window’s peak ({rate(profile.peakRecordsPerSec)} records/s, {formatSize(profile.peakBytesPerSec)}/s in) the stream needs{' '}
        <strong>
          {shards.needed} shard{shards.needed === 1 ? '' : 's'}
        </strong>
        , limited by {LIMIT_WORDS[shards.limitedBy]}.
      </p>
      <p aria-label="Cheaper mode">
        {verdict} Utilisation (average over peak) is {(estimate.utilisation * 100).toFixed(1)} %. {estimate.flipNote}
      </p>
      <div className="heat__costs">
        <CostLines title="Provisioned" cost={estimate.provisioned} cheaper={estimate.cheaper === 'provisioned'} />
        <CostLines title="On-demand" cost={estimate.onDemand} cheaper={estimate.cheaper === 'on-demand'} />
      </div>
      <p className="muted">
        Load: {profile.source}; one shared reader of every byte assumed; retention {profile.retentionHours} h, {profile.efoConsumers}{' '}
        enhanced fan-out consumer{profile.efoConsumers === 1 ? '' : 's'}. Prices: {estimate.prices.source}, taken {estimate.prices.takenOn};
        a month is {estimate.hoursPerMonth} hours.
      </p>
    </>
  );
}

/** What the window's load needs in shards and costs a month in each mode, and which is cheaper. */
export function HeatCapacity() {
  const capacity = useAppStore((s) => s.heatCapacity);
  if (!capacity) return null;
  return (
    <section className="heat__capacity" aria-label="Capacity and cost">
      <h3>Capacity and cost</h3>
      {capacity.status === 'loading' && <p className="muted">Estimating…</p>}
      {capacity.status === 'error' && <p role="note">No cost estimate: {capacity.error.message}</p>}
      {capacity.status === 'ok' && <EstimateView estimate={capacity.data} />}
    </section>
  );
}
