// `npm run bench:table FILE`: a results file's figures as the Markdown table bench/README.md shows.
import { readFileSync } from 'node:fs';
import { figuresTable } from './figures-table';
import { parseRunResult } from './results';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0) {
  console.error('usage: npm run bench:table RESULTS.json (a file written by npm run bench -- --json FILE)');
  process.exit(2);
}
try {
  console.log(figuresTable(parseRunResult(readFileSync(file, 'utf8'), file)));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
