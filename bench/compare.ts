// `npm run bench:compare A.json B.json`: each figure of two runs side by side, with its change.
import { readFileSync } from 'node:fs';
import { compareRuns, formatComparison, parseRunResult } from './results';

const [fileA, fileB, ...rest] = process.argv.slice(2);
if (!fileA || !fileB || rest.length > 0) {
  console.error('usage: npm run bench:compare BEFORE.json AFTER.json (files written by npm run bench -- --json FILE)');
  process.exit(2);
}
try {
  const [a, b] = [fileA, fileB].map((file) => parseRunResult(readFileSync(file, 'utf8'), file)) as [
    ReturnType<typeof parseRunResult>,
    ReturnType<typeof parseRunResult>,
  ];
  console.log(formatComparison(a, b, compareRuns(a, b)));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
