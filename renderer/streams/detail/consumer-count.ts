import type { ConsumersReport } from '../../../shared/contract';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Who reads the stream, for the summary: Kinesis counts only enhanced fan-out consumers, so KCL
 * applications and Lambda mappings come from the Consumers panel's report once it has one; until
 * then, and for a part it could not read, the words say what is and is not counted.
 */
export function consumerCountText(registered: number | null, report: ConsumersReport | null): string {
  const fanOut =
    report?.enhancedFanOut.available === true
      ? plural(report.enhancedFanOut.items.length, 'enhanced fan-out consumer', 'enhanced fan-out consumers')
      : registered === null
        ? 'enhanced fan-out consumers unknown'
        : plural(registered, 'enhanced fan-out consumer', 'enhanced fan-out consumers');
  if (!report) return `${fanOut}; KCL and Lambda readers under Consumers (being read)`;
  const kcl = report.applications.available
    ? plural(report.applications.items.length, 'KCL application', 'KCL applications')
    : 'KCL applications not read';
  const lambda = report.lambda.available
    ? plural(report.lambda.items.length, 'Lambda mapping', 'Lambda mappings')
    : 'Lambda mappings not read';
  return [fanOut, kcl, lambda].join(' · ');
}
