import type { ReadBudget } from '../../shared/contract';
import { ConnectionManager, type InitialConnection } from '../connections/connection-manager';
import type { CredentialOptions } from '../connections/credentials';
import { connectionHandlers } from '../connections/handlers';
import { KeychainSecretStore, type SecretStore } from '../connections/secret-store';
import { dataDirectory } from '../data-dir';
import { createDispatcher, type Dispatch, type Handlers } from '../dispatch/dispatcher';
import { EventHub } from '../dispatch/event-hub';
import { streamHandlers } from '../kinesis/handlers';
import { metricsHandlers } from '../metrics/handlers';
import { permissionHandlers } from '../permissions/handlers';
import { previewHandlers } from '../preview/handlers';
import { ReadBudgets } from '../reader/read-budget';
import { readerSource, type ReaderSource } from '../reader/reader-source';
import { SessionRegistry } from '../sessions/session-registry';

export type HostKind = 'electron' | 'browser' | 'test';

export interface ShardscopeAppOptions {
  host: HostKind;
  version: string;
  /** Where to connect first; by default the saved active profile, otherwise the embedded sandbox. */
  connection?: InitialConnection;
  /** Overrides the connection's read budget for this process (the CLI's --max-calls-per-shard). */
  readBudget?: Partial<ReadBudget>;
  sandbox?: { recordsPerSecond?: number; demo?: boolean };
  /** Profiles live here; SHARDSCOPE_HOME or the platform's app-data folder by default. */
  dataDir?: string;
  keychain?: SecretStore;
  credentialOptions?: CredentialOptions;
  logError?: (message: string, error: unknown) => void;
  /** At most this many sessions at once (MAX_SESSIONS by default). */
  sessionLimit?: number;
}

/** Everything a host needs: the dispatcher, the event hub, the sessions, and a stop that leaves nothing running. */
export interface ShardscopeApp {
  dispatch: Dispatch;
  events: EventHub;
  connections: ConnectionManager;
  sessions: SessionRegistry;
  budgets: ReadBudgets;
  /** A client and the shared shard budgets for a new reader of a stream on the active connection. */
  reading: ReaderSource;
  stop(): Promise<void>;
}

interface HandlerContext {
  connections: ConnectionManager;
  sessions: SessionRegistry;
  reading: ReaderSource;
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
    ...previewHandlers(context.sessions, context.connections, context.reading),
    ...metricsHandlers(context.sessions, context.connections, context.reading),
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
    readBudget: options.readBudget,
  });
  const sessions = new SessionRegistry(options.sessionLimit);
  // No reader outlives the connection it was opened on.
  events.attach((topic) => {
    if (topic === 'connections:changed') void sessions.stopAll('connection-changed', 'The connection was switched.');
  });
  await connections.open(options.connection);
  const budgets = new ReadBudgets(() => connections.active().readBudget);
  const reading = readerSource(connections, budgets);
  const handlers = createHandlers({ connections, sessions, reading, host: options.host, version: options.version });
  return {
    dispatch: createDispatcher(handlers, { logError: (channel, error) => options.logError?.(`call ${channel} failed`, error) }),
    events,
    connections,
    sessions,
    budgets,
    reading,
    async stop() {
      await sessions.stopAll('app-stopped');
      await connections.stop();
    },
  };
}
