import type { RecordJson } from '../../engine/decode/record-json';
import type { ByteSink } from './byte-sink';
import type { OutputFile } from './output-file';

/** A line-oriented data file (JSON Lines, CSV): what a format decides is which record fits and what its text is. */
export function textFile(
  sink: ByteSink,
  format: { fits(record: RecordJson): boolean; line(record: RecordJson): string | Promise<string> },
): OutputFile {
  let records = 0;
  return {
    fits: (record) => format.fits(record),
    async write(record) {
      const text = await format.line(record);
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
