import type { CopyKeys } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { shellQuote } from '../../../../shared/aws-cli';
import type { ShardscopeApp } from '../../../app/shardscope-app';
import { call } from '../cli-app';
import { confirmWrite } from '../confirm-write';
import { connectionFlagWords, type ConnectionFlags } from '../connection-flags';
import { isQuiet, note } from '../output';
import { runSessionCommand } from '../session-command';
import { countOf } from '../../../../shared/plural';
import { printSummary, progressLine } from './copy';
import { payloadRecordsLeft, planLines } from './redrive-plan-lines';
import { settlingQueue } from './redrive-queue';
import type { QueueHold } from '../../../../shared/contract/redrive';

export interface PutBackOptions extends ConnectionFlags {
  from: string;
  maxMessages?: number;
  to: string;
  targetProfile?: string;
  keyFrom?: string;
  map?: string;
  yes?: boolean;
  resume?: boolean;
  restart?: boolean;
  json?: boolean;
}

/**
 * Puts the records behind the notices back as a copy of their ranges: planned (the notices and
 * what is found), estimated and confirmed as every copy is, each record once across stops.
 */
export async function putBack(app: ShardscopeApp, opts: PutBackOptions): Promise<void> {
  const keys: CopyKeys = opts.keyFrom ? { type: 'field', field: opts.keyFrom } : { type: 'keep' };
  let last = 0;
  let queue: QueueHold | null = null;
  const copy = () =>
    runSessionCommand(app, {
      start: async (owner) => {
        const planned = await call(
          app,
          'redrive:planCopy',
          {
            from: opts.from,
            maxMessages: opts.maxMessages,
            target: opts.to,
            targetProfile: opts.targetProfile ?? null,
            keys,
            ...(opts.map ? { map: opts.map } : {}),
          },
          owner,
        );
        const { plan, spec } = planned;
        queue = planned.queue;
        for (const line of planLines(plan)) note(line);
        if (spec.map) note(`each record is mapped on the way with ${spec.map} (it held for every record found)`);
        const left = payloadRecordsLeft(plan, spec);
        const toWrite = plan.totals.found - left;
        // Payloads of a shard or stream that is gone stay in their objects: said rather than dropped quietly.
        if (left)
          note(
            `${countOf(left, 'record')} only in the payloads of notices of another stream, or of one made again since, are not put back (print them with --show)`,
          );
        if (spec.payloads)
          note(
            `the records the stream no longer holds are put back from ${countOf(spec.payloads.notices.length, "notice's payload", "notices' payloads")} first`,
          );
        if (toWrite === 0) throw new AppError('invalid-input', 'No records of the notices are left to put back.');
        const { token, ...estimate } = await call(app, 'copies:estimate', { spec, restart: Boolean(opts.restart) }, owner);
        note(estimate.note);
        await confirmWrite({
          what: `put back ${countOf(toWrite, 'record')} of ${spec.source} (${countOf(spec.ranges!.length, 'range')})`,
          stream: opts.to,
          target: estimate.target,
          yes: opts.yes,
        });
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
        if (status.result?.kind !== 'copy') throw new AppError('internal', 'The redrive ended without a summary.');
        printSummary(status.result.summary, opts.to, Boolean(opts.json));
      },
      resumeHint: () => {
        const profile = opts.targetProfile ? ` --target-profile ${shellQuote(opts.targetProfile)}` : '';
        const keyFrom = opts.keyFrom ? ` --key-from ${shellQuote(opts.keyFrom)}` : '';
        const map = opts.map ? ` --map ${shellQuote(opts.map)}` : '';
        return `Stopped before every record was put back; carry on with: shardscope redrive --from ${shellQuote(opts.from)} --to ${shellQuote(opts.to)}${profile}${keyFrom}${map} --resume${connectionFlagWords(opts)}`;
      },
    });
  // A queue's messages are deleted only once every record is back: a stopped or failed copy hands them back.
  await settlingQueue(
    app,
    () => queue,
    copy,
    (end) => !end.interrupted,
  );
}
