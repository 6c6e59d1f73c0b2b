import { useAppStore } from '../state/store';

const number = new Intl.NumberFormat();

const topicNames: Record<string, string> = {
  'preview:records': 'live preview records',
  'metrics:sample': 'throughput samples',
  'run:progress': 'run progress',
  'search:matches': 'search matches',
  'search:progress': 'search progress',
  'sandbox:producer': 'demo producer status',
};

/** Said when the browser host had to skip events because this tab read them too slowly. */
export function LaggingNotice() {
  const lagging = useAppStore((state) => state.lagging);
  const dismiss = useAppStore((state) => state.dismissLagging);
  if (!lagging) return null;
  const what = lagging.topics.map((topic) => topicNames[topic] ?? topic).join(', ');
  return (
    <p className="statusbar__item statusbar__item--warning" role="alert">
      This tab fell behind and {number.format(lagging.skipped)} updates were skipped ({what}); those views may have gaps.{' '}
      <button type="button" className="button button--small" onClick={dismiss}>
        Dismiss
      </button>
    </p>
  );
}
