import type { ReactNode } from 'react';

export interface SampleColumn<T> {
  header: string;
  /** A number, right-aligned. */
  numeric?: boolean;
  value(sample: T): ReactNode;
}

/**
 * A chart's text alternative: its recent samples as a table, newest first, on request (a closed
 * <details> costs nothing to render until opened). The throughput charts and the lag charts use it.
 */
export function LastMinuteTable<T extends { time: number | string }>({
  label,
  samples,
  columns,
}: {
  /** The table's accessible name. */
  label: string;
  /** Only the last minute's, oldest first as the chart has them. */
  samples: readonly T[];
  columns: readonly SampleColumn<T>[];
}) {
  return (
    <details className="last-minute">
      <summary>The last minute as a table</summary>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${label}, scrollable`}>
        <table className="table" aria-label={label}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              {columns.map((column) => (
                <th key={column.header} scope="col" className={column.numeric ? 'table__number' : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...samples].reverse().map((sample) => (
              <tr key={String(sample.time)}>
                <td>{new Date(sample.time).toLocaleTimeString()}</td>
                {columns.map((column) => (
                  <td key={column.header} className={column.numeric ? 'table__number' : undefined}>
                    {column.value(sample)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
