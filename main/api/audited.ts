import type { AuditOutcome, EventPayload, EventTopic, SessionStatus } from '../../shared/contract';
import { classifyAwsError } from '../aws/errors';
import { AppError, toApiError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { Audit, AuditChange } from '../domain/audit/audit';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import { auditDescriptions, auditedCalls, type AuditedCall, type AuditedWhat } from './audit-plans';

export interface AuditDeps {
  audit: Audit;
  connections: ConnectionManager;
}

/**
 * Wraps every change call of the contract so each writes one audit entry, whichever host made
 * it: the one place a change path is hooked. A call that finishes its change before it answers
 * is written with its answer or error; one that starts a session (produce, copy) with how that
 * session ended, which its owner is told and which this wrapper hears on the owner's way.
 */
export function audited(handlers: Handlers, deps: AuditDeps): Handlers {
  const wrapped = { ...handlers } as Record<AuditedCall, unknown>;
  for (const call of auditedCalls) wrapped[call] = auditedHandler(call, handlers[call] as AnyHandler, deps);
  return wrapped as Handlers;
}

type AnyHandler = (input: unknown, owner: SessionOwner) => Promise<unknown>;
type Describer = { what(input: unknown): AuditedWhat; outcome?(output: unknown, input: unknown): AuditOutcome };

function auditedHandler(call: AuditedCall, handler: AnyHandler, deps: AuditDeps): AnyHandler {
  const description = auditDescriptions[call] as unknown as Describer;
  return async (input, owner) => {
    const what = description.what(input);
    // The caller's connection as it was asked on: a save or removal may move it while it runs.
    const on = connectionOf(deps.connections, owner);
    const write = (outcome: AuditOutcome) => deps.audit.record({ action: call, on, ...what, outcome });
    if (!description.outcome) {
      const watching = watchSession(owner);
      let output: unknown;
      try {
        output = await handler(input, watching.owner);
      } catch (error) {
        await written(write(failure(error)));
        throw error;
      }
      // Written once the session ends; the app waits for it as it stops.
      void watching.ended.then((status) => write(sessionOutcome(status, watching.finished()))).catch(() => {});
      return output;
    }
    let output: unknown;
    try {
      output = await handler(input, owner);
    } catch (error) {
      await written(write(failure(error)));
      throw error;
    }
    await written(write(description.outcome(output, input)));
    return output;
  };
}

function connectionOf(connections: ConnectionManager, owner: SessionOwner): AuditChange['on'] {
  // Looked at, never pinned: auditing a call must not seat its caller on a connection it never used.
  // Null for a command that opened no connection (a saved connection edited from the command line).
  return connections.peek(owner);
}

/** A change that cannot be audited is said as such: it happened, and hiding that would be worse. */
async function written(entry: Promise<void>): Promise<void> {
  try {
    await entry;
  } catch (error) {
    throw new AppError('unavailable', `The change was made, but its audit entry could not be written: ${toApiError(error).message}`);
  }
}

function failure(error: unknown): AuditOutcome {
  const { code, message } = toApiError(error);
  const awsClass = error instanceof AppError ? null : classifyAwsError(error).name;
  return { status: 'failed', summary: message, error: { code, class: awsClass, message } };
}

/**
 * An owner that passes every event on and keeps what the session's end says: a produce tells its
 * counts before its last status, a copy carries them in that status.
 */
function watchSession(owner: SessionOwner) {
  let produced: EventPayload<'produce:finished'> | null = null;
  let settle!: (status: SessionStatus) => void;
  const ended = new Promise<SessionStatus>((resolve) => (settle = resolve));
  const watching: SessionOwner = {
    id: owner.id,
    get closed() {
      return owner.closed;
    },
    send<T extends EventTopic>(topic: T, payload: EventPayload<T>) {
      owner.send(topic, payload);
      if (topic === 'produce:finished') produced = payload as EventPayload<'produce:finished'>;
      const status = payload as SessionStatus;
      if (topic === 'session:status' && status.state === 'stopped') settle(status);
    },
  };
  return { owner: watching, ended, finished: () => produced };
}

function sessionOutcome(status: SessionStatus, produced: EventPayload<'produce:finished'> | null): AuditOutcome {
  const copy = status.result?.kind === 'copy' ? status.result.summary : null;
  const counts: (Record<string, number> & { read: number; written: number }) | undefined = copy
    ? { read: copy.read, written: copy.written, alreadyWritten: copy.alreadyWritten, retried: copy.retried }
    : produced
      ? { read: produced.read, written: produced.written, rejected: produced.rejected, retried: produced.retried }
      : undefined;
  const ended =
    copy?.outcome ??
    produced?.outcome ??
    (status.stoppedBy === 'completed' ? 'completed' : status.stoppedBy === 'error' ? 'failed' : 'stopped');
  const reason = copy?.reason ?? produced?.reason ?? status.reason;
  const tally = counts ? `wrote ${counts.written} of ${counts.read} read` : '';
  const summary = [ended === 'completed' ? 'completed' : ended, tally, reason].filter(Boolean).join(': ');
  // Stopped part way, or failed after writing some: what was written stays written.
  const status_: AuditOutcome['status'] =
    ended === 'completed' ? 'succeeded' : ended === 'stopped' || (counts && counts.written > 0) ? 'partial' : 'failed';
  return {
    status: status_,
    summary,
    ...(counts ? { counts } : {}),
    ...(ended === 'failed' && reason ? { error: { code: 'session-failed', class: null, message: reason } } : {}),
  };
}
