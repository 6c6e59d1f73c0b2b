// Writes docs/cli.md from commander's own definitions, so the reference cannot drift from the CLI.
// Run with `npm run docs:cli`; test/unit/cli-docs.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command, Help } from 'commander';
import { buildProgram } from '../main/hosts/cli/index';

export const cliDocsPath = fileURLToPath(new URL('../docs/cli.md', import.meta.url));

export function renderCliDocs(program: Command = buildProgram()): string {
  const help = program.createHelp();
  const commands = allCommands(program, help);
  const lines = [
    '# Command reference',
    '',
    '<!-- Generated from main/hosts/cli by `npm run docs:cli`. Do not edit: change the command definitions and run it again. -->',
    '',
    `${help.commandDescription(program)}.`,
    '',
    'Every command also takes `-h, --help`. How the commands fit together (ranges, output formats, connection flags,',
    'exit codes) is in the [CLI guide](guide/cli.md).',
    '',
    '## Global options',
    '',
    ...optionLines(program, help),
    '',
    '## Commands',
    '',
    ...commands.map((command) => `- [${fullName(command)}](#${anchor(fullName(command))}): ${firstLine(help.commandDescription(command))}`),
    '',
  ];
  for (const command of commands) lines.push(...commandSection(command, help));
  return `${lines.join('\n').trimEnd()}\n`;
}

function allCommands(command: Command, help: Help): Command[] {
  return help
    .visibleCommands(command)
    .filter((sub) => sub.name() !== 'help')
    .flatMap((sub) => [sub, ...allCommands(sub, help)]);
}

function commandSection(command: Command, help: Help): string[] {
  const lines = [`## ${fullName(command)}`, '', '```', help.commandUsage(command), '```', ''];
  const description = help.commandDescription(command);
  if (description) lines.push(escapeText(description), '');
  const args = help.visibleArguments(command);
  if (args.length > 0) {
    lines.push('Arguments:', '');
    for (const arg of args) lines.push(`- \`${help.argumentTerm(arg)}\`${describe(help.argumentDescription(arg))}`);
    lines.push('');
  }
  const options = optionLines(command, help);
  if (options.length > 0) lines.push('Options:', '', ...options, '');
  const subs = help.visibleCommands(command).filter((sub) => sub.name() !== 'help');
  if (subs.length > 0) {
    lines.push('Subcommands:', '', ...subs.map((sub) => `- [${fullName(sub)}](#${anchor(fullName(sub))})`), '');
  }
  return lines;
}

function optionLines(command: Command, help: Help): string[] {
  return help
    .visibleOptions(command)
    .filter((option) => option.long !== '--help')
    .map((option) => `- \`${help.optionTerm(option)}\`${describe(help.optionDescription(option))}`);
}

function describe(text: string): string {
  return text ? `: ${escapeText(text)}` : '';
}

/** Descriptions are plain text; Markdown would read `<name>` as HTML and `*` as emphasis. */
function escapeText(text: string): string {
  return text.replace(/[<>*_[\]|]/g, (char) => `\\${char}`).replace(/\s*\n\s*/g, ' ');
}

function firstLine(text: string): string {
  return escapeText(text.split('\n')[0] ?? '');
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** GitHub's heading anchors: lower case, spaces to hyphens, punctuation dropped. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(cliDocsPath, renderCliDocs());
  console.log(`wrote ${cliDocsPath}`);
}
