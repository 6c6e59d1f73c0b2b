import { callNames, type CallName, type EventTopic } from '../shared/contract';
import type { HostLink, ShardscopeApi, Transport, Unsubscribe } from '../shared/api';

/**
 * Builds the typed API object from the contract's call names, so a call added to the
 * contract appears in every bridge without being written again.
 */
export function createApi(transport: Transport): ShardscopeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  transport.onEvent((topic, payload) => {
    for (const listener of listeners.get(topic) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not starve the others of events.
        console.error(`listener for ${topic} failed`, error);
      }
    }
  });

  const areas: Record<string, Record<string, (input?: unknown) => unknown>> = {};
  for (const name of callNames) {
    const [area, verb] = name.split(':') as [string, string];
    areas[area] ??= {};
    areas[area][verb] = (input: unknown = {}) => transport.invoke(name as CallName, input);
  }

  const on = (topic: EventTopic, listener: (payload: never) => void) => {
    const set = listeners.get(topic) ?? new Set();
    const first = set.size === 0;
    set.add(listener as (payload: unknown) => void);
    listeners.set(topic, set);
    if (first) transport.setSubscribed(topic, true);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(listener as (payload: unknown) => void);
      if (set.size === 0) {
        listeners.delete(topic);
        transport.setSubscribed(topic, false);
      }
    };
  };

  const onHostLink = (listener: (link: HostLink) => void): Unsubscribe => transport.onLink?.(listener) ?? (() => {});

  return { ...areas, on, onHostLink } as unknown as ShardscopeApi;
}
