import { Command, Option } from 'commander';
import type { ReadEndSpec } from '../../../../shared/positions';
import { copySpecSchema, type CopyProgress, type CopySummary } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { call, withCliApp } from '../cli-app';
import { confirmWrite } from '../confirm-write';
import { shellQuote } from '../../../../shared/aws-cli';
import {
  cliConnection,
  connectionFlagWords,
  readBudgetFlags,
  withConnectionFlags,
  withReadBudgetFlag,
  type BudgetFlags,
  type ConnectionFlags,
} from '../connection-flags';
import { isQuiet, note } from '../output';
import { runSessionCommand } from '../session-command';
import { withYesFlag, type WriteFlags } from '../write-flags';
import { FROM_HELP, parseFrom, parseUntil, UNTIL_HELP } from '../parse';
import { terminalJson } from '../terminal-text';
import { countOf } from '../../../../shared/plural';

interface CopyOptions extends ConnectionFlags, BudgetFlags, WriteFlags {
  from: string;
  until: ReadEndSpec;
  targetProfile?: string;
  keepKeys?: boolean;
  keyFrom?: string;
  randomKeys?: boolean;
  rate?: number;
  resume?: boolean;
  restart?: boolean;
  json?: boolean;
}

const number = new Intl.NumberFormat('en-US');

export function progressLine(p: CopyProgress): string {
  const eta = p.etaSeconds === null ? '' : `, ETA ${Math.ceil(p.etaSeconds)} s`;
  return `progress: ${number.format(p.read)} read, ${number.format(p.written)} written, ${number.format(p.alreadyWritten)} already in the target, ${number.format(p.retried)} retried, ${number.format(Math.round(p.recordsPerSecond))}/s${eta}`;
}

export function printSummary(summary: CopySummary, target: string, json: boolean): void {
  if (json) {
    const { read, written, alreadyWritten, retried, outcome, reason, folder } = summary;
    process.stdout.write(
      `${terminalJson({ read, written, alreadyWritten, retried, seconds: Math.round(summary.seconds * 10) / 10, outcome, reason, folder })}\n`,
    );
  } else {
    note(
      `${summary.outcome}: ${countOf(summary.written, 'record')} written to ${target}${summary.alreadyWritten ? ` (${number.format(summary.alreadyWritten)} were already there after a crash)` : ''}, ${summary.retried} retried, ${summary.seconds.toFixed(1)} s`,
    );
  }
}

export const copyCommand = withYesFlag(
  withReadBudgetFlag(
    withConnectionFlags(
      new Command('copy')
        .description('replay a window of a stream into another stream (or the same one), each record once per copy, resumable')
        .argument('<source>', 'the stream to read')
        .argument('<target>', 'the stream to write to')
        .option('--from <position>', FROM_HELP, 'oldest')
        .addOption(new Option('--until <end>', UNTIL_HELP).argParser(parseUntil).default({ type: 'caught-up' }, 'caught-up'))
        .option('--target-profile <name>', 'write with this saved connection (default: the one the source is read with)')
        .addOption(new Option('--keep-keys', 'keep each record’s partition key (the default)').conflicts(['keyFrom', 'randomKeys']))
        .addOption(new Option('--key-from <field>', 'take the key from this field of JSON records').conflicts('randomKeys'))
        .option('--random-keys', 'a random partition key for each record')
        .option('--rate <n>', 'at most this many records a second (default: the target’s capacity)', Number)
        .addOption(new Option('--resume', 'carry on the copy of SOURCE into TARGET that was stopped').conflicts('restart'))
        .option('--restart', 'start over although an unfinished copy of SOURCE into TARGET is kept')
        .option('--json', 'print a summary object on stdout at the end'),
    ),
  ),
).action((source: string, target: string, opts: CopyOptions) =>
  withCliApp(
    cliConnection(opts, 'aws'),
    async (app) => {
      const parsed = copySpecSchema.safeParse({
        source,
        target,
        targetProfile: opts.targetProfile ?? null,
        from: parseFrom(opts.from, undefined),
        until: opts.until,
        keys: opts.keyFrom ? { type: 'field', field: opts.keyFrom } : opts.randomKeys ? { type: 'random' } : { type: 'keep' },
        rate: opts.rate ?? null,
      });
      if (!parsed.success)
        throw new AppError('invalid-input', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      const spec = parsed.data;
      let last = 0;
      await runSessionCommand(app, {
        start: async (owner) => {
          // Estimated by the caller that starts it: a plan is applied only by whoever made it. A read-only target refuses here.
          const { token, ...estimate } = await call(app, 'copies:estimate', { spec, restart: Boolean(opts.restart) }, owner);
          note(estimate.note);
          await confirmWrite({
            what: `copy ${source} (${opts.from} until ${opts.until.type === 'time' ? opts.until.time : opts.until.type})`,
            stream: target,
            // The estimate refused a read-only target already, and copies:start refuses it again.
            target: estimate.target,
            yes: opts.yes,
          });
          // Started as the app starts it, with the token of the estimate confirmed above.
          return call(app, 'copies:start', { spec, resume: Boolean(opts.resume), restart: Boolean(opts.restart), token }, owner);
        },
        stop: 'copies:stop',
        events: {
          'copy:progress': (progress) => {
            if (isQuiet() || Date.now() - last < 2_000) return;
            last = Date.now();
            process.stderr.write(`${progressLine(progress)}\n`);
          },
        },
        finish: ({ status }) => {
          if (status.result?.kind !== 'copy') throw new AppError('internal', 'The copy ended without a summary.');
          printSummary(status.result.summary, target, Boolean(opts.json));
        },
        resumeHint: () => {
          const targetProfile = opts.targetProfile ? ` --target-profile ${shellQuote(opts.targetProfile)}` : '';
          return `Stopped before the end of the window; carry on with: shardscope copy ${shellQuote(source)} ${shellQuote(target)} --resume${targetProfile}${connectionFlagWords(opts)}`;
        },
      });
    },
    readBudgetFlags(opts),
  ),
);
