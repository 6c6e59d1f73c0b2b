import type { RecordJson } from '../../decode/record-json';
import { ByteSink } from './byte-sink';
import type { OutputFile, OutputFormat } from './output-file';

/** JSON Lines: one object a line, exactly the fields of `tail --json`; no schema, so nothing drifts. */
export function jsonLinesFormat(gzip: boolean): OutputFormat {
  return {
    extension: gzip ? 'jsonl.gz' : 'jsonl',
    reject: () => null,
    async open(file) {
      const sink = new ByteSink(file, gzip);
      let records = 0;
      const output: OutputFile = {
        fits: () => true,
        write(record: RecordJson) {
          records++;
          return sink.write(`${JSON.stringify(record)}\n`);
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
      return output;
    },
  };
}
