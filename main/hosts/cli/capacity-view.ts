import type { CapacityEstimate, ModeCost } from '../../../shared/contract';

const money = (value: number) => `$${value.toFixed(2)}`;
const rate = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1));
const bytes = (perSecond: number) =>
  perSecond >= 1024 * 1024 ? `${(perSecond / 1024 / 1024).toFixed(2)} MiB/s` : `${(perSecond / 1024).toFixed(1)} KiB/s`;
const quantity = (value: number) => (value >= 1000 ? Math.round(value).toLocaleString('en-US') : Number(value.toPrecision(4)).toString());

const LIMIT_WORDS = { 'records-in': 'records in', 'bytes-in': 'bytes in', 'bytes-out': 'bytes read out' } as const;

function costTable(title: string, cost: ModeCost): string[] {
  const rows = cost.lines.map((l) => [l.item, `${quantity(l.quantity)} ${l.unit}`, `@ $${l.unitPrice}`, money(l.cost)]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), 0));
  return [
    `${title}: ${money(cost.monthly)} a month`,
    ...rows.map(
      (r) => `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]!.padStart(widths[3]!)}`,
    ),
  ];
}

/** The estimate as a reader at a terminal wants it: the load, the shards, both bills, the verdict. */
export function capacityText(estimate: CapacityEstimate, stream: string | undefined): string {
  const { profile, shards } = estimate;
  const cheaper =
    estimate.cheaper === 'equal'
      ? 'Both modes cost the same.'
      : `${estimate.cheaper === 'provisioned' ? 'Provisioned' : 'On-demand'} is cheaper by ${money(Math.abs(estimate.provisioned.monthly - estimate.onDemand.monthly))} a month.`;
  return [
    `${stream ?? 'planned stream'} in ${profile.region} (load: ${profile.source})`,
    `  peak     ${rate(profile.peakRecordsPerSec)} records/s  ${bytes(profile.peakBytesPerSec)} in  ${bytes(profile.peakReadBytesPerSec)} read`,
    `  average  ${rate(profile.averageRecordsPerSec)} records/s  ${bytes(profile.averageBytesPerSec)} in  ${bytes(profile.averageReadBytesPerSec)} read`,
    `  retention ${profile.retentionHours} h, ${profile.efoConsumers} enhanced fan-out consumer${profile.efoConsumers === 1 ? '' : 's'}`,
    '',
    `Shards needed at peak: ${shards.needed} (by ${LIMIT_WORDS[shards.limitedBy]}; records in ${shards.byRecordsIn}, bytes in ${shards.byBytesIn}, bytes out ${shards.byBytesOut})`,
    '',
    ...costTable('Provisioned', estimate.provisioned),
    '',
    ...costTable('On-demand', estimate.onDemand),
    '',
    `${cheaper} Utilisation (average / peak) is ${(estimate.utilisation * 100).toFixed(1)} %. ${estimate.flipNote}`,
    `Prices: ${estimate.prices.fromFile ? 'from the file given' : 'built-in table'}, ${estimate.prices.source}, taken ${estimate.prices.takenOn}; a month is ${estimate.hoursPerMonth} hours.`,
  ].join('\n');
}
