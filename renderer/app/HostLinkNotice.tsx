import { useAppStore } from '../state/store';

/**
 * Said when the socket to the browser host was lost: what stopped with it and where to carry on,
 * while the page reconnects and after.
 */
export function HostLinkNotice() {
  const hostLink = useAppStore((state) => state.hostLink);
  const dismiss = useAppStore((state) => state.dismissHostLink);
  if (!hostLink) return null;
  const stopped = hostLink.stopped.length > 0 ? `; ${hostLink.stopped.join(' Also, ')}` : '.';
  const now =
    hostLink.link === 'lost' ? ' Reconnecting… (if shardscope serve was restarted, open the new address it printed).' : ' It is back.';
  return (
    <p className="statusbar__item statusbar__item--warning" role="alert">
      The connection to Shardscope was lost{stopped}
      {now}{' '}
      {hostLink.link === 'restored' && (
        <button type="button" className="button button--small" onClick={dismiss}>
          Dismiss
        </button>
      )}
    </p>
  );
}
