import path from 'node:path';
import type { RunFormat } from '../../../../shared/contract';
import { isS3Target } from '../../../../shared/contract/runs';
import { AppError } from '../../../core/app-error';
import { shellQuote } from '../../../../shared/aws-cli';
import type { ShardscopeApp } from '../../../app/shardscope-app';
import { call } from '../cli-app';
import { connectionFlagWords, type ConnectionFlags } from '../connection-flags';
import { maskingFileOf, noteMaskingReport, type MaskingFlags } from '../masking-flags';
import { isQuiet, note } from '../output';
import { progressView } from '../run-progress-view';
import { runSessionCommand } from '../session-command';
import { printSummary } from './ingest';
import { countOf } from '../../../../shared/plural';
import { payloadRecordsLeft, planLines } from './redrive-plan-lines';
import { settlingQueue } from './redrive-queue';
import type { QueueHold } from '../../../../shared/contract/redrive';

export interface ExportOptions extends ConnectionFlags, MaskingFlags {
  from: string;
  maxMessages?: number;
  export: string;
  format: RunFormat;
  resume?: boolean;
  restart?: boolean;
  json?: boolean;
}

/**
 * Exports the records behind the notices as an ingestion run over exactly their ranges: masked,
 * written once across stops and resumed as every run is (its run.json keeps the ranges).
 */
export async function exportRecords(app: ShardscopeApp, opts: ExportOptions): Promise<void> {
  // An S3 prefix is taken as it is; a folder is made absolute from where the command runs.
  const folder = isS3Target(opts.export) ? opts.export.trim() : path.resolve(opts.export);
  const view = progressView(isQuiet());
  let queue: QueueHold | null = null;
  const run = () =>
    runSessionCommand(app, {
      start: async (owner) => {
        const planned = await call(
          app,
          'redrive:planExport',
          { from: opts.from, maxMessages: opts.maxMessages, run: { folder, format: opts.format, masking: maskingFileOf(opts) } },
          owner,
        );
        const { plan, spec } = planned;
        queue = planned.queue;
        for (const line of planLines(plan)) note(line);
        const left = payloadRecordsLeft(plan, spec);
        if (left)
          note(
            `${countOf(left, 'record')} only in the payloads of notices of another stream, or of one made again since, are not exported (print them with --show)`,
          );
        if (spec.payloads)
          note(
            `the records the stream no longer holds are exported from ${countOf(spec.payloads.notices.length, "notice's payload", "notices' payloads")} first`,
          );
        if (plan.totals.found === left && !opts.resume)
          throw new AppError('invalid-input', 'No records of the notices are left to export.');
        return call(app, 'runs:start', { spec, resume: Boolean(opts.resume), restart: Boolean(opts.restart) }, owner);
      },
      stop: 'runs:stop',
      events: { 'run:progress': (progress) => view.update(progress), 'masking:report': noteMaskingReport },
      finish: ({ status }) => {
        view.stop();
        if (status.result?.kind !== 'run') throw new AppError('internal', 'The export ended without a summary.');
        printSummary(status.result.summary, Boolean(opts.json));
      },
      resumeHint: () =>
        `Stopped before every record was exported; carry on with: shardscope redrive --from ${shellQuote(opts.from)} --export ${shellQuote(opts.export)} --format ${opts.format} --resume${connectionFlagWords(opts)}`,
    }).finally(() => view.stop());
  // A queue's messages are deleted only once the run completed: a stopped or failed one hands them back.
  await settlingQueue(
    app,
    () => queue,
    run,
    (end) => !end.interrupted,
  );
}
