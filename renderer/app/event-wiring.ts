import { eventTopics, type EventPayload, type EventTopic } from '../../shared/contract';
import type { ShardscopeApi } from '../../shared/api';
import type { AppStore } from '../state/store';

type Receivers = { [T in EventTopic]: (payload: EventPayload<T>) => void };

/**
 * Every event main pushes goes to the slice that keeps it, wired once for the window's life; no
 * page subscribes on its own. The table is typed by the contract, so a topic added there and not
 * here fails the type-check. Slices ignore what belongs to a session they did not start.
 */
export function wireEvents(api: ShardscopeApi, store: AppStore): () => void {
  const state = () => store.getState();
  const receivers: Receivers = {
    'session:status': (status) => {
      state().receiveSessionStatus(status);
      // A heat's report comes on its last status: the heat slice keeps it.
      state().receiveHeatStatus(status);
      // A put-back's or an export's end settles the failure queue's messages held for it.
      state().receiveRedriveStatus(status);
    },
    'connections:changed': (active) => state().receiveConnectionChange(active),
    'sandbox:producer': (status) => state().setProducer(status),
    'preview:records': (batch) => state().receiveBatch(batch),
    'preview:status': (status) => state().receiveStatus(status),
    'metrics:sample': (sample) => state().receiveSample(sample),
    'run:progress': (progress) => state().receiveRunProgress(progress),
    'search:matches': (batch) => state().receiveMatches(batch),
    'search:progress': (progress) => state().receiveSearchProgress(progress),
    'host:lagging': (lagging) => state().receiveLagging(lagging),
    'copy:progress': (progress) => state().receiveCopyProgress(progress),
    'consumers:sample': (sample) => state().receiveConsumersSample(sample),
    // Only the CLI produces a file so far; a window starts no produce, so none reports to one.
    'produce:progress': () => {},
    'produce:finished': () => {},
    'masking:report': (report) => state().receiveMaskingReport(report),
    'heat:progress': (progress) => state().receiveHeatProgress(progress),
  };
  const subscribe = <T extends EventTopic>(topic: T) => api.on(topic, receivers[topic]);
  const unsubscribe = [...eventTopics.map(subscribe), api.onHostLink((link) => state().receiveHostLink(link))];
  return () => unsubscribe.forEach((off) => off());
}
