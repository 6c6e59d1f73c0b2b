// The figures of one results file as the Markdown bench/README.md publishes: each benchmark's
// figures under its title, with the date, commit and machine they were measured on, so the
// published table is written from a run and never retyped.
import { formatValue, type Unit } from './figures';
import type { RunResult } from './results';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function figuresTable(result: RunResult): string {
  const { machine, commit } = result;
  const measured = `${result.date.slice(0, 10)}, \`${commit.commit.slice(0, 7)}\`${commit.dirty ? ' (with uncommitted changes)' : ''}`;
  const on = `${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node.replace(/^v/, '')}, ${machine.os}`;
  const lines = [
    `Measured ${measured} on ${on}; ${result.mode === 'smoke' ? 'smoke sizes (not figures to quote)' : 'full sizes'}.`,
    '',
    '| benchmark | figure | value |',
    '| --- | --- | --- |',
  ];
  for (const [name, bench] of Object.entries(result.benches)) {
    const title = `**${cell(name)}**: ${cell(bench.title)}`;
    if (bench.error) lines.push(`| ${title} | did not finish | ${cell(bench.error)} |`);
    bench.figures.forEach((figure, index) => {
      const value = figure.value === null ? 'not produced' : formatValue(figure.value, figure.unit as Unit);
      lines.push(`| ${index === 0 && !bench.error ? title : ''} | ${cell(figure.label)} | ${value} |`);
    });
    for (const note of bench.notes) lines.push(`| | note | ${cell(note)} |`);
  }
  return lines.join('\n');
}
