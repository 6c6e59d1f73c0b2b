// `npm run bench`: the benchmarks of the registry, at full size or (--smoke) at a size that takes
// seconds, with the machine and commit they ran on. Exits 1 when one throws or misses a figure.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseBenchArgs } from './args';
import { formatOutput, missingFigures } from './figures';
import { commitInfo, describeMachine, machineInfo } from './machine';
import { benchmarks } from './registry';
import type { RunResult } from './results';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let args;
try {
  args = parseBenchArgs(
    process.argv.slice(2),
    process.env,
    benchmarks.map((bench) => bench.name),
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (!existsSync('dist/renderer/index.html')) {
  console.error('Build the UI first: npm run build');
  process.exit(1);
}

const machine = machineInfo();
const commit = commitInfo();
const started = performance.now();
console.log(`${args.mode} run, ${commit.commit.slice(0, 12)}${commit.dirty ? ' (uncommitted changes)' : ''}, ${describeMachine(machine)}`);
const result: RunResult = { date: new Date().toISOString(), commit, machine, mode: args.mode, benches: {} };
const failures: string[] = [];

for (const bench of benchmarks.filter((b) => args.only.includes(b.name))) {
  const size = args.mode === 'smoke' ? bench.smoke : bench.full(process.env);
  if (size === null) {
    console.log(`\n${bench.name}: not in the smoke run: ${bench.smokeSkipReason}`);
    continue;
  }
  console.log(`\n${bench.name}: ${bench.description} (${JSON.stringify(size)})`);
  const benchStarted = performance.now();
  try {
    const output = await bench.run(size);
    const seconds = (performance.now() - benchStarted) / 1000;
    console.log(formatOutput(output));
    const missing = missingFigures(bench.figures(size), output);
    for (const problem of missing) failures.push(`${bench.name}: ${problem}`);
    result.benches[bench.name] = {
      title: output.title,
      size,
      // JSON has no NaN or Infinity: a figure that is not a number is written as null.
      figures: output.figures.map((figure) => ({ ...figure, value: Number.isFinite(figure.value) ? figure.value : null })),
      notes: output.notes ?? [],
      seconds,
    };
    console.log(`  (${seconds.toFixed(1)} s)`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push(`${bench.name}: failed: ${message}`);
    result.benches[bench.name] = {
      title: bench.description,
      size,
      figures: [],
      notes: [],
      seconds: (performance.now() - benchStarted) / 1000,
      error: message,
    };
    console.error(`${bench.name} failed:`, message);
  }
}

if (args.json) {
  mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
  // As Prettier lays it out, so a results file committed as written passes the lint's format check.
  const { format, resolveConfig } = await import('prettier');
  const options = (await resolveConfig(path.resolve(args.json))) ?? {};
  writeFileSync(args.json, await format(JSON.stringify(result), { ...options, parser: 'json' }));
  console.log(`\nfigures written to ${args.json}`);
}
const total = ((performance.now() - started) / 1000).toFixed(0);
if (failures.length > 0) {
  console.error(`\n${failures.length} problem(s) in a ${args.mode} run of ${total} s:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`\n${args.mode} run of ${args.only.length} benchmark(s) finished in ${total} s, every figure produced`);
// Servers and browsers are closed by each benchmark; anything an SDK client left open must not keep the run alive.
process.exit(0);
