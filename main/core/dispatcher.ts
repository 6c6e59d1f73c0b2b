import type { z } from 'zod';
import { calls, isCallName, type CallName, type CallOutput } from '../../shared/contract';
import type { Envelope } from '../../shared/contract/errors';
import type { SessionOwner } from './sessions/session-owner';
import { toApiError } from './app-error';
import { scrubOutgoing } from './outgoing';

/** A handler learns who calls: sessions it starts belong to that caller and report to it alone. */
export type Handler<C extends CallName> = (input: z.output<(typeof calls)[C]['input']>, caller: SessionOwner) => Promise<CallOutput<C>>;
export type Handlers = { [C in CallName]: Handler<C> };

export type Dispatch = (channel: unknown, input: unknown, caller: SessionOwner) => Promise<Envelope<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected failures are reported in full; the caller only sees a safe summary. */
  logError?: (channel: string, error: unknown) => void;
}

/**
 * The single entry point of every transport: unknown calls and malformed inputs are answered
 * here with typed errors and never reach a handler.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return async (channel, input, caller) => {
    if (!isCallName(channel)) {
      return { ok: false, error: { code: 'unknown-call', message: `There is no call named ${describe(channel)}.` } };
    }
    let parsed: z.ZodSafeParseResult<unknown>;
    try {
      parsed = calls[channel].input.safeParse(input ?? {});
    } catch (error) {
      // A schema that throws is our bug, but the caller still gets an answer, never a crash.
      options.logError?.(channel, error);
      return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${channel}.` } };
    }
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid-input',
          message: `Invalid input for ${channel}.`,
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.map(String).join('.') || '(root)',
            message: issue.message,
          })),
        },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown, caller: SessionOwner) => Promise<unknown>;
      const value = calls[channel].output.parse(await handler(parsed.data, caller));
      return { ok: true, value: scrubOutgoing(value) };
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'internal') options.logError?.(channel, error);
      return { ok: false, error: scrubOutgoing(apiError) };
    }
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `of type ${typeof value}`;
}
