export { formatDuration as duration, formatSize as bytes } from '../../shared/format';

const number = new Intl.NumberFormat();

export const count = (n: number) => number.format(n);
