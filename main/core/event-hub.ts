import { events, type EventPayload, type EventTopic } from '../../shared/contract';
import { scrubOutgoing } from './outgoing';

type Sink = (topic: EventTopic, payload: unknown) => void;

/**
 * Where domain modules publish events; each transport attaches a sink. Payloads are checked
 * against the contract here so a malformed event is a bug found in main, not in the UI.
 */
export class EventHub {
  private readonly sinks = new Set<Sink>();

  emit<T extends EventTopic>(topic: T, payload: EventPayload<T>): void {
    const checked = scrubOutgoing(events[topic].parse(payload));
    for (const sink of this.sinks) sink(topic, checked);
  }

  attach(sink: Sink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }
}
