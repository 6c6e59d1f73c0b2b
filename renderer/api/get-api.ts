import type { ShardscopeApi } from '../../shared/api';
import { connectBrowserApi, takeBrowserHostLocation } from '../../preload/browser-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host, where we connect ourselves. */
    shardscope?: ShardscopeApi;
  }
}

export class MissingHostError extends Error {}

export async function getApi(): Promise<ShardscopeApi> {
  if (window.shardscope) return window.shardscope;
  const location = takeBrowserHostLocation(window);
  if (!location) {
    throw new MissingHostError(
      'This page needs its access token. Open the full address that shardscope serve printed (it ends in #token=…).',
    );
  }
  return connectBrowserApi(location);
}
