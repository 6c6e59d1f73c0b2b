// The guide's pictures are the screenshot tests' own baselines (test/e2e/screenshots/), copied so the
// docs show what the tests check. `npm run screenshots` updates the baselines and then runs this.
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const baselineFolder = fileURLToPath(new URL('../test/e2e/screenshots/', import.meta.url));
export const guideImageFolder = fileURLToPath(new URL('../docs/guide/images/', import.meta.url));

/** The light theme at 1440 px: one picture per page keeps the guide light to read and to clone. */
export const guideImages = [
  'streams-detail-light-1440.png',
  'preview-inspector-light-1440.png',
  'throughput-light-1440.png',
  'permissions-light-1440.png',
  'connections-light-1440.png',
  'runs-light-1440.png',
] as const;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const name of guideImages) copyFileSync(`${baselineFolder}${name}`, `${guideImageFolder}${name}`);
  console.log(`copied ${guideImages.length} screenshots into ${guideImageFolder}`);
}
