import { priceTableSchema, type PriceTable } from '../../../shared/contract/capacity';
import { AppError } from '../../core/app-error';
import builtIn from './prices/kinesis-prices.json';
import type { PricesUsed } from './cost-model';

/** The table shipped in the repository; parsed once so a bad edit to it fails loudly, not quietly. */
export const BUILT_IN_PRICES: PriceTable = priceTableSchema.parse(builtIn);

/** The region's prices from the given table (already checked by the contract), or from the built-in one. */
export function pricesFor(region: string, table?: PriceTable): PricesUsed {
  const chosen = table ?? BUILT_IN_PRICES;
  const prices = chosen.regions[region];
  if (!prices) {
    const known = Object.keys(chosen.regions).join(', ');
    throw new AppError(
      'invalid-input',
      `The ${table ? 'price table given' : 'built-in price table'} has no prices for ${region} (it has ${known}).`,
      'give-prices',
    );
  }
  return { region, source: chosen.source, takenOn: chosen.takenOn, fromFile: table !== undefined, prices };
}
