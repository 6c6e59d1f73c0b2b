import type { HostLink } from '../../shared/api';
import type { HostLagging } from '../../shared/contract';

export interface HostLinkState {
  link: HostLink;
  /** What stopped when the link went, one sentence each. */
  stopped: string[];
}

export interface HostSlice {
  /** Events the browser host skipped for this tab since the notice was last dismissed. */
  lagging: HostLagging | null;
  receiveLagging(lagging: HostLagging): void;
  dismissLagging(): void;
  /** The socket to the browser host was lost (and maybe reopened) since the notice was dismissed. */
  hostLink: HostLinkState | null;
  receiveHostLink(link: HostLink): void;
  dismissHostLink(): void;
}
