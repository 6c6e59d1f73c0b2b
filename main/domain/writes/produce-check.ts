import { randomUUID } from 'node:crypto';
import { AppError } from '../../core/app-error';
import { describeRef } from '../engine/decode/schema/schema-codec';
import type { SchemaEncoder } from '../engine/decode/schema/schema-encoder';
import { countOf } from '../../../shared/plural';
import { entryProblem } from './limits';
import { encodeValue } from './put-record';
import { readSource, type SourceOptions } from './produce-source';

/** Enough lines named to fix the first few at once; the count says how many more. */
const NAMED_LINES = 5;

/**
 * Every line of a file encoded with its schema before anything is sent: one line that does not
 * fit refuses the whole file, naming the lines and the path of what is wrong in each, so no part
 * of a file is written with a gap in it. Returns the number of records the file holds.
 */
export async function checkEncodable(source: SourceOptions & { key?: string | null }, encoder: SchemaEncoder): Promise<number> {
  if (source.format !== 'jsonl')
    throw new AppError('invalid-input', 'Records encoded with a schema are read from JSON Lines, one value a line.');
  const problems: string[] = [];
  let failed = 0;
  let records = 0;
  for await (const item of readSource(source)) {
    records++;
    let problem: string | null;
    if ('rejected' in item) problem = item.rejected;
    else {
      try {
        const data = encodeValue(encoder, JSON.parse(item.data.toString('utf8')));
        problem = entryProblem({ data, partitionKey: item.key ?? source.key ?? randomUUID() });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problem = error.message.replace(/^The data does not fit the schema [^:]*: /, '');
      }
    }
    if (problem === null) continue;
    failed++;
    if (problems.length < NAMED_LINES) problems.push(`line ${item.line}: ${problem}`);
  }
  if (failed > 0) {
    const more = failed > problems.length ? `\n…and ${countOf(failed - problems.length, 'more line')}.` : '';
    throw new AppError(
      'invalid-input',
      `${countOf(failed, 'line')} of ${source.file} cannot be written with the schema ${describeRef(encoder.ref)}, so nothing was sent:\n${problems.join('\n')}${more}`,
    );
  }
  return records;
}
