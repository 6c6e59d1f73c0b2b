import { ByteSink } from './byte-sink';
import type { OutputFormat } from './output-file';
import { textFile } from './text-file';

/** JSON Lines: one object a line, exactly the fields of `tail --json`; no schema, so nothing drifts. */
export function jsonLinesFormat(gzip: boolean): OutputFormat {
  return {
    extension: gzip ? 'jsonl.gz' : 'jsonl',
    reject: () => null,
    async open(file, ops) {
      const sink = new ByteSink(file, gzip, ops);
      return textFile(sink, { fits: () => true, line: (record) => `${JSON.stringify(record)}\n` });
    },
  };
}
