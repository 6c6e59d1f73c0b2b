const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export const formatRate = (value: number) => decimal.format(value);
export function formatBytes(value: number): string {
  if (value >= 1024 * 1024) return `${decimal.format(value / 1024 / 1024)} MiB`;
  if (value >= 1024) return `${decimal.format(value / 1024)} KiB`;
  return `${decimal.format(value)} B`;
}
export const formatLag = (ms: number) => (ms >= 1000 ? `${decimal.format(ms / 1000)} s` : `${Math.round(ms)} ms`);
