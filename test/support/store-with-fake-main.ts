import { createApi } from '../../preload/create-api';
import { createAppStore } from '../../renderer/app/create-store';
import type { Transport } from '../../shared/api';
import type { CallName, EventPayload, EventTopic, PreviewRecord } from '../../shared/contract';
import type { Envelope } from '../../shared/contract/errors';

type Answer = (input: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>;

/**
 * The whole renderer store, as the window builds it, on a transport standing in for main: answers
 * chosen per call (a value, or a function of the input), events pushed as main would push them.
 * A call with no answer fails as 'unavailable', so a test sees a call it did not expect.
 */
export function storeWithFakeMain(answers: Partial<Record<CallName, unknown | Answer>> = {}) {
  const calls: { channel: CallName; input: unknown }[] = [];
  const subscriptions: [EventTopic, boolean][] = [];
  let deliver: (topic: string, payload: unknown) => void = () => {};
  const transport: Transport = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      const answer = answers[channel];
      if (typeof answer === 'function') return (answer as Answer)(input);
      if (answer === undefined) return { ok: false, error: { code: 'unavailable', message: 'not in this test' } };
      return { ok: true, value: answer };
    },
    setSubscribed: (topic, subscribed) => subscriptions.push([topic, subscribed]),
    onEvent: (handler) => (deliver = handler),
  };
  const store = createAppStore(createApi(transport));
  const push = <T extends EventTopic>(topic: T, payload: EventPayload<T>) => deliver(topic, payload);
  /** The inputs of every call made on one channel, in order. */
  const inputsOf = (channel: CallName) => calls.filter((c) => c.channel === channel).map((c) => c.input);
  return { store, calls, subscriptions, push, inputsOf };
}

/** A small text record of shard 0, arriving `second` seconds into a fixed minute. */
export const record = (n: number, second: number): PreviewRecord => ({
  id: `shardId-0/${n}/`,
  shardId: 'shardId-0',
  sequenceNumber: String(n),
  subSequenceNumber: null,
  partitionKey: `k${n}`,
  arrivalTime: new Date(Date.UTC(2026, 10, 28, 8, 0, second)).toISOString(),
  size: 1,
  compression: null,
  encoding: 'text',
  text: `r${n}`,
  truncated: false,
  error: null,
});
