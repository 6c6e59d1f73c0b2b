// The arguments of `npm run bench`, parsed apart from running anything so a test can check them.
import { parseArgs } from 'node:util';

export interface BenchArgs {
  mode: 'smoke' | 'full';
  /** The benchmarks to run, in the registry's order; all of them when none was named. */
  only: string[];
  json: string | null;
}

export const benchUsage = `usage: npm run bench -- [--smoke] [--only NAME[,NAME...]] [--json FILE]
  --smoke        every benchmark at a size that takes seconds; checks each runs to its end and gives every figure
  --only NAMES   only these benchmarks (also BENCH_ONLY=NAMES)
  --json FILE    write the figures, the commit and the machine to FILE (compare with npm run bench:compare)`;

export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv, known: string[]): BenchArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { smoke: { type: 'boolean', default: false }, only: { type: 'string' }, json: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"\n${benchUsage}`);
  const named = (values.only ?? env.BENCH_ONLY ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = named.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')}; the benchmarks are ${known.join(', ')}`);
  if (values.json === '') throw new Error('--json needs a file name');
  return {
    mode: values.smoke ? 'smoke' : 'full',
    only: named.length > 0 ? known.filter((name) => named.includes(name)) : known,
    json: values.json ?? null,
  };
}
