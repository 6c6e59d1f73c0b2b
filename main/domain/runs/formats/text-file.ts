import type { RecordJson } from '../../engine/decode/record-json';
import type { ByteSink } from './byte-sink';
import type { OutputFile } from './output-file';
import type { TypedRecord } from '../typed/run-schemas';

/** A line-oriented data file (JSON Lines, CSV): what a format decides is which record fits and what its text is. */
export function textFile(
  sink: ByteSink,
  format: {
    fits(record: RecordJson, typed?: TypedRecord): boolean;
    line(record: RecordJson, typed?: TypedRecord): string | Promise<string>;
  },
): OutputFile {
  let records = 0;
  return {
    fits: (record, typed) => format.fits(record, typed),
    async write(record, typed) {
      const text = await format.line(record, typed);
      records++;
      await sink.write(text);
    },
    get bytes() {
      return sink.bytes;
    },
    get records() {
      return records;
    },
    close: () => sink.close(),
    abandon: () => sink.abandon(),
  };
}
