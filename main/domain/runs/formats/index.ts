import type { RunSpec } from '../../../../shared/contract/runs';
import { AppError } from '../../../core/app-error';
import { compressionRefusal, supportedCompressions } from '../../../core/compressions';
import { csvFormat } from './csv';
import { jsonLinesFormat } from './jsonl';
import type { OutputFormat } from './output-file';
import { parquetFormat } from './parquet';

/**
 * The format a run writes, with its compression checked against what the format can do.
 * `nested`: Parquet writes objects and arrays as STRUCT and LIST (false: as JSON, for runs begun so).
 */
export function formatOf(spec: RunSpec, nested = true): OutputFormat {
  const supported = supportedCompressions();
  const compression = spec.compression ?? supported[spec.format][0]!;
  if (spec.schema && spec.format !== 'parquet') throw new AppError('invalid-input', 'A pinned schema is for Parquet only.');
  const refusal = compressionRefusal(compression, spec.format);
  if (refusal) throw new AppError('invalid-input', refusal);
  switch (spec.format) {
    case 'parquet':
      return parquetFormat(compression, spec.schema, spec.maxColumns, nested);
    case 'csv':
    case 'jsonl':
      return spec.format === 'csv'
        ? csvFormat(spec.delimiter, compression === 'gzip', spec.maxColumns)
        : jsonLinesFormat(compression === 'gzip');
  }
}
