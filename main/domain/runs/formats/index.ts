import type { RunSpec } from '../../../../shared/contract/runs';
import { AppError } from '../../../core/app-error';
import { csvFormat } from './csv';
import { jsonLinesFormat } from './jsonl';
import type { OutputFormat } from './output-file';
import { parquetFormat } from './parquet';

/**
 * The format a run writes, with its compression checked against what the format can do.
 * `nested`: Parquet writes objects and arrays as STRUCT and LIST (false: as JSON, for runs begun so).
 */
export function formatOf(spec: RunSpec, nested = true): OutputFormat {
  const compression = spec.compression ?? (spec.format === 'parquet' ? 'snappy' : 'none');
  if (spec.schema && spec.format !== 'parquet') throw new AppError('invalid-input', 'A pinned schema (--schema) is for Parquet only.');
  switch (spec.format) {
    case 'parquet':
      if (compression === 'gzip')
        throw new AppError('invalid-input', 'Parquet compresses with snappy (the default), zstd or none, not gzip.');
      return parquetFormat(compression, spec.schema, spec.maxColumns, nested);
    case 'csv':
    case 'jsonl':
      if (compression !== 'none' && compression !== 'gzip')
        throw new AppError(
          'invalid-input',
          `${spec.format === 'csv' ? 'CSV' : 'JSON Lines'} compresses with gzip or none, not ${compression}.`,
        );
      return spec.format === 'csv'
        ? csvFormat(spec.delimiter, compression === 'gzip', spec.maxColumns)
        : jsonLinesFormat(compression === 'gzip');
  }
}
