import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What an independent reader finds in the folder: the n of every line of every complete file, and of every reject. */
export function readBack(folder: string): { written: number[]; rejected: number[] } {
  const parse = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { data?: { n: number }; record?: { data: { n: number } } });
  const written = readdirSync(folder)
    .filter((name) => /^part-\d{5}\.jsonl$/.test(name))
    .flatMap((name) => parse(path.join(folder, name)).map((line) => line.data!.n));
  const rejects = path.join(folder, 'rejects.jsonl');
  const rejected = existsSync(rejects) ? parse(rejects).map((line) => line.record!.data.n) : [];
  return { written, rejected };
}
