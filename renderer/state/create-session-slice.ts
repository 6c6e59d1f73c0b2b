import type { StoreApi } from 'zustand/vanilla';
import type { Envelope } from '../../shared/contract/errors';
import { messageOf, unwrap } from '../api/api-error';
import type { AppState } from './store';

/** The keys of AppState that hold a string or nothing: a session's id, a session's error. */
type NullableTextKey = {
  [K in keyof AppState]: AppState[K] extends string | null ? (null extends AppState[K] ? K : never) : never;
}[keyof AppState];

/** The part of the API object that starts and stops one kind of session (api.preview, api.search…). */
export interface SessionCalls<Input> {
  start(input: Input): Promise<Envelope<{ sessionId: string }>>;
  stop(input: { sessionId: string }): Promise<unknown>;
}

export interface SessionKeys {
  /** Where the running session's id is kept; events for any other id are not this slice's. */
  id: NullableTextKey;
  /** Where a start's failure is said. */
  error: NullableTextKey;
  /**
   * Forget the id on stop, dropping the events still on their way. Kept (the default), they land:
   * a search's, a run's or a copy's last progress says where it stopped.
   */
  forgetOnStop?: boolean;
}

/**
 * The start, stop and receive every session slice (preview, search, runs, metrics, copies) would
 * otherwise write out again: one session at a time per slice, its id and error at the keys named.
 */
export function createSessionSlice<Input>(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  calls: SessionCalls<Input>,
  keys: SessionKeys,
) {
  const patch = (values: Partial<Record<NullableTextKey, string | null>>) => set(values as Partial<AppState>);
  return {
    /** Clears the last session's view (`fresh`), starts, then records the id with `started`, or says why it failed. */
    async start(input: Input, fresh: Partial<AppState> = {}, started: Partial<AppState> = {}): Promise<void> {
      set(fresh);
      patch({ [keys.error]: null });
      try {
        const { sessionId } = await unwrap(calls.start(input));
        set(started);
        patch({ [keys.id]: sessionId });
      } catch (error) {
        patch({ [keys.error]: messageOf(error) });
      }
    },
    async stop(): Promise<void> {
      const sessionId = get()[keys.id];
      if (!sessionId) return;
      if (keys.forgetOnStop) patch({ [keys.id]: null });
      await calls.stop({ sessionId });
    },
    /** Applies an event to the store when it belongs to this slice's session. */
    receive<E extends { sessionId: string }>(event: E, update: (event: E) => Partial<AppState>): void {
      if (event.sessionId === get()[keys.id]) set(update(event));
    },
  };
}
