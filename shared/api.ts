import type { CallInput, CallName, CallOutput, EventPayload, EventTopic } from './contract';
import type { Envelope } from './contract/errors';

type AreaOf<C extends string> = C extends `${infer A}:${string}` ? A : never;
type VerbOf<C extends string, A extends string> = C extends `${A}:${infer V}` ? V : never;

/** Calls whose input has no required field may be made without an argument. */
type CallMethod<C extends CallName> =
  Record<never, never> extends CallInput<C>
    ? (input?: CallInput<C>) => Promise<Envelope<CallOutput<C>>>
    : (input: CallInput<C>) => Promise<Envelope<CallOutput<C>>>;

/** `calls['streams:names']` becomes `api.streams.names()`. */
export type ApiCalls = {
  [A in AreaOf<CallName>]: { [V in VerbOf<CallName, A>]: CallMethod<`${A}:${V}` & CallName> };
};

export type Unsubscribe = () => void;

/** The page's own link to main: only the browser host's socket can be lost (and reopened). */
export type HostLink = 'lost' | 'restored';

/** The one object the renderer talks to, the same under Electron and in the browser host. */
export type ShardscopeApi = ApiCalls & {
  on<T extends EventTopic>(topic: T, listener: (payload: EventPayload<T>) => void): Unsubscribe;
  onHostLink(listener: (link: HostLink) => void): Unsubscribe;
};

/** What a bridge must provide for the API object to be built on top of it. */
export interface Transport {
  invoke(channel: CallName, input: unknown): Promise<Envelope<unknown>>;
  /** Called with a topic the first time a listener wants it and with `false` when none does. */
  setSubscribed(topic: EventTopic, subscribed: boolean): void;
  onEvent(handler: (topic: string, payload: unknown) => void): void;
  /** A transport whose link can drop says so; Electron's IPC cannot drop. */
  onLink?(listener: (link: HostLink) => void): Unsubscribe;
}
