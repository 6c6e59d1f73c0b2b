import { ConnectionManager, type InitialConnection } from '../connections/connection-manager';
import type { CredentialOptions } from '../connections/credentials';
import { connectionHandlers } from '../connections/handlers';
import { KeychainSecretStore, type SecretStore } from '../connections/secret-store';
import { dataDirectory } from '../data-dir';
import { createDispatcher, type Dispatch, type Handlers } from '../dispatch/dispatcher';
import { EventHub } from '../dispatch/event-hub';
import { streamHandlers } from '../kinesis/handlers';
import { permissionHandlers } from '../permissions/handlers';
import { previewHandlers } from '../preview/handlers';
import { PreviewSessions } from '../preview/preview-sessions';
import { metricsHandlers } from '../metrics/handlers';
import type { MetricsSession } from '../metrics/metrics-session';
import { SessionRegistry } from '../sessions/session-registry';

export type HostKind = 'electron' | 'browser' | 'test';

export interface ShardscopeAppOptions {
  host: HostKind;
  version: string;
  /** Where to connect first; by default the saved active profile, otherwise the embedded sandbox. */
  connection?: InitialConnection;
  sandbox?: { recordsPerSecond?: number; demo?: boolean };
  /** Profiles live here; SHARDSCOPE_HOME or the platform's app-data folder by default. */
  dataDir?: string;
  keychain?: SecretStore;
  credentialOptions?: CredentialOptions;
  logError?: (message: string, error: unknown) => void;
}

/** Everything a host needs: the dispatcher, the event hub, and a stop that leaves nothing running. */
export interface ShardscopeApp {
  dispatch: Dispatch;
  events: EventHub;
  connections: ConnectionManager;
  previews: PreviewSessions;
  meters: SessionRegistry<MetricsSession>;
  stop(): Promise<void>;
}

interface HandlerContext {
  connections: ConnectionManager;
  previews: PreviewSessions;
  meters: SessionRegistry<MetricsSession>;
  events: EventHub;
  host: HostKind;
  version: string;
}

/** One handler per call of the contract; the dispatcher has validated every input before these run. */
export function createHandlers(context: HandlerContext): Handlers {
  return {
    'app:info': async () => ({ version: context.version, host: context.host }),
    ...connectionHandlers(context.connections),
    ...streamHandlers(context.connections),
    ...permissionHandlers(context.connections),
    ...previewHandlers(context.previews, context.connections),
    ...metricsHandlers(context.meters, context.connections, context.events),
  };
}

export async function startShardscopeApp(options: ShardscopeAppOptions): Promise<ShardscopeApp> {
  const events = new EventHub();
  const connections = new ConnectionManager({
    dataDir: options.dataDir ?? dataDirectory(),
    keychain: options.keychain ?? new KeychainSecretStore(),
    events,
    sandbox: { demo: options.sandbox?.demo ?? true, recordsPerSecond: options.sandbox?.recordsPerSecond },
    credentialOptions: options.credentialOptions,
  });
  await connections.open(options.connection);
  const previews = new PreviewSessions(connections, events);
  const meters = new SessionRegistry<MetricsSession>(events);
  const handlers = createHandlers({ connections, previews, meters, events, host: options.host, version: options.version });
  return {
    dispatch: createDispatcher(handlers, { logError: (channel, error) => options.logError?.(`call ${channel} failed`, error) }),
    events,
    connections,
    previews,
    meters,
    async stop() {
      await Promise.all([previews.stopAll(), meters.stopAll()]);
      await connections.stop();
    },
  };
}
