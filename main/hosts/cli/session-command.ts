import type { EventPayload, EventTopic, SessionStatus } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { createOwner, type SessionOwner } from '../../core/sessions/session-owner';
import type { ShardscopeApp } from '../../app/shardscope-app';
import { call } from './cli-app';
import { note } from './output';
import { untilInterrupted } from './run';

type StopChannel = 'runs:stop' | 'copies:stop' | 'search:stop' | 'heat:stop' | 'metrics:stop' | 'preview:stop';

/** Each event of the command's owner, typed by its topic, for the command's view. */
export type SessionEvents = { [T in EventTopic]?: (payload: EventPayload<T>) => void };

export interface SessionEnd {
  /** The session's last status: how it stopped, and what it leaves (a run's summary, a copy's totals). */
  status: SessionStatus;
  /** The user pressed Ctrl+C (or the process was told to stop) before the session ended by itself. */
  interrupted: boolean;
}

export interface SessionCommand {
  /** Starts the session through the dispatcher, as a window does, with the owner given. */
  start(owner: SessionOwner): Promise<{ sessionId: string }>;
  /** The call that stops it, as a window's stop button makes it. */
  stop: StopChannel;
  events?: SessionEvents;
  /** Another end the command has (a --duration, a --limit), asked for once the session runs: when it resolves, the session is stopped. */
  until?(): Promise<unknown>;
  /** Once the session has ended and its last events were delivered: close the view and print the summary. */
  finish?(end: SessionEnd): void | Promise<void>;
  /** Said after an interrupt that left the work unfinished (how to carry it on); exits with 130. None: an interrupt is a normal end. */
  resumeHint?(end: SessionEnd): string | null;
}

/**
 * One life cycle for every session command (ingest, copy, search, stats, tail): the same calls
 * the app's windows make, through the dispatcher, with a CLI owner whose events feed the
 * command's view. A failed session fails the command with its reason and remedy.
 */
export async function runSessionCommand(app: ShardscopeApp, command: SessionCommand): Promise<SessionEnd> {
  // A short session may end before its start call returns its id: statuses are kept until it is known.
  const stopped = new Map<string, SessionStatus>();
  let waiting: { sessionId: string; resolve: (status: SessionStatus) => void } | null = null;
  const owner = createOwner('cli', (topic, payload) => {
    (command.events?.[topic] as ((payload: unknown) => void) | undefined)?.(payload);
    if (topic !== 'session:status') return;
    const status = payload as SessionStatus;
    if (status.state !== 'stopped') return;
    stopped.set(status.sessionId, status);
    if (waiting?.sessionId === status.sessionId) waiting.resolve(status);
  });
  try {
    const { sessionId } = await command.start(owner);
    const ended = new Promise<SessionStatus>((resolve) => {
      const known = stopped.get(sessionId);
      if (known) resolve(known);
      else waiting = { sessionId, resolve };
    });
    let interrupted = false;
    const cut = await Promise.race([
      ended.then(() => 'ended' as const),
      untilInterrupted().then(() => 'interrupted' as const),
      (command.until?.() ?? new Promise<never>(() => {})).then(() => 'until' as const),
    ]);
    if (cut !== 'ended') {
      interrupted = cut === 'interrupted';
      await call(app, command.stop, { sessionId }, owner);
    }
    const end = { status: await ended, interrupted };
    await command.finish?.(end);
    const failure = failureOf(end.status);
    if (failure) throw new AppError('aws', failure.reason ?? `The ${end.status.kind} failed.`, failure.remedy);
    const hint = interrupted ? command.resumeHint?.(end) : null;
    if (hint) {
      note(hint);
      process.exitCode = 130;
    }
    return end;
  } finally {
    owner.close();
  }
}

/** A run or a copy can fail while it ends (a last write refused): its summary says so where its stop cause may not. */
function failureOf(status: SessionStatus): Pick<SessionStatus, 'reason' | 'remedy'> | null {
  const summary = status.result && 'summary' in status.result ? status.result.summary : null;
  if (summary) return summary.outcome === 'failed' ? { reason: summary.reason, remedy: summary.remedy } : null;
  return status.stoppedBy === 'error' ? { reason: status.reason, remedy: status.remedy } : null;
}
