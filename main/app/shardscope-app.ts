import type { HostKind, ReadBudget } from '../../shared/contract';
import { ConnectionManager, type ConnectionChanges, type InitialConnection } from '../domain/connections/connection-manager';
import type { CredentialOptions } from '../domain/connections/credentials';
import { connectionHandlers } from '../api/connections';
import { KeychainSecretStore, type SecretStore } from '../domain/connections/secret-store';
import { dataDirectory } from '../core/data-dir';
import { createDispatcher, type Dispatch, type Handlers } from '../core/dispatcher';
import { EventHub } from '../core/event-hub';
import { streamHandlers } from '../api/streams';
import { metricsHandlers } from '../api/metrics';
import { capacityHandlers } from '../api/capacity';
import { permissionHandlers } from '../api/permissions';
import { previewHandlers } from '../api/preview';
import { ReadBudgets } from '../domain/engine/reader/read-budget';
import { supportedCompressions } from '../core/compressions';
import { readerSource, type ReaderSource } from '../domain/connections/reader-source';
import { RunHistory } from '../domain/runs/run-history';
import { runHandlers, type FolderHost } from '../api/runs';
import { searchHandlers } from '../api/search';
import { redriveHandlers } from '../api/redrive';
import { heatHandlers } from '../api/heat';
import { schemaHandlers } from '../api/schemas';
import { SchemaBindingStore } from '../domain/connections/schema-bindings';
import { schemaSource, type SchemaSource } from '../domain/connections/schema-source';
import { glueSchemaResolver } from '../domain/connections/schema-registry/glue-resolvers';
import { ConfluentResolvers } from '../domain/connections/schema-registry/confluent-resolvers';
import { connectionRegistries } from '../domain/connections/schema-registry/connection-registries';
import { writeHandlers } from '../api/writes';
import { registrySchemaHandlers } from '../api/registry-schemas';
import { writeSchemas, type WriteSchemaDeps } from '../domain/connections/write-schemas';
import { produceHandlers } from '../api/produce';
import { adminHandlers } from '../api/admin';
import { pipelineHandlers } from '../api/pipelines';
import { consumerHandlers } from '../api/consumers';
import { SessionRegistry } from '../core/sessions/session-registry';
import type { SessionOwner } from '../core/sessions/session-owner';
import { PlanTokens, type PlanTokenOptions } from '../domain/plans/plan-tokens';
import { describeForLog } from '../security/redact';
import { startSandbox } from '../domain/sandbox/sandbox';
import { Audit } from '../domain/audit/audit';
import { auditHandlers } from '../api/audit';
import { audited } from '../api/audited';
import { maskingHandlers } from '../api/masking';
import { viewsHandlers } from '../api/views';
import { Masking } from '../domain/connections/masking-source';
import { SavedViews } from '../domain/connections/view-store';

/** Which host started the app; 'test' is for tests that start it without one. */
export type { InitialConnection };

export type { HostKind };

export interface ShardscopeAppOptions {
  host: HostKind;
  version: string;
  /** Where to connect first; by default the saved active profile, otherwise the embedded sandbox. */
  connection?: InitialConnection;
  /** Overrides the connection's read budget for this process (the CLI's --max-calls-per-shard). */
  readBudget?: Partial<ReadBudget>;
  /** Every connection of this process refuses writes (the CLI's --read-only). */
  readOnly?: boolean;
  sandbox?: { recordsPerSecond?: number; demo?: boolean };
  /** Profiles live here; SHARDSCOPE_HOME or the platform's app-data folder by default. */
  dataDir?: string;
  keychain?: SecretStore;
  credentialOptions?: CredentialOptions;
  /** Where failures are logged; the error arrives as one line of text, redacted of credentials. */
  logError?: (message: string, error: string) => void;
  /** At most this many sessions at once (MAX_SESSIONS by default). */
  sessionLimit?: number;
  /** The desktop's folder dialog and file manager, where the host has them. */
  folders?: FolderHost;
  /** How long a confirmed plan stays good, and the clock it is read on. */
  planTokens?: PlanTokenOptions;
}

/** Everything a host needs: the dispatcher, the event hub, the sessions, and a stop that leaves nothing running. */
export interface ShardscopeApp {
  dispatch: Dispatch;
  events: EventHub;
  connections: ConnectionManager;
  sessions: SessionRegistry;
  budgets: ReadBudgets;
  /** A client and the shared shard budgets for a new reader of a stream on its caller's connection. */
  reading: ReaderSource;
  history: RunHistory;
  dataDir: string;
  /** Where every change is recorded; changes made outside the dispatcher (a masking switch) record here too. */
  audit: Audit;
  /** The caller's window, tab or command has gone: its sessions end and its connection is released. */
  closeOwner(ownerId: string): Promise<void>;
  stop(): Promise<void>;
}

interface HandlerContext {
  connections: ConnectionManager;
  sessions: SessionRegistry;
  reading: ReaderSource;
  history: RunHistory;
  folders: FolderHost;
  host: HostKind;
  version: string;
  dataDir: string;
  planTokens: PlanTokens;
  audit: Audit;
  /** What reads decode schemas with; by default the stream bindings in the data folder and the connection's Glue Schema Registry. */
  schemas?: SchemaSource;
}

/** One handler per call of the contract; the dispatcher has validated every input before these run. */
export function createHandlers(context: HandlerContext): Handlers {
  const schemaBindings = new SchemaBindingStore(context.dataDir);
  // Each caller's reads resolve Glue Schema Registry ids through its own connection's Glue. A
  // local endpoint names its Glue or has none: its reads never reach out to AWS's.
  const confluent = new ConfluentResolvers(context.connections.registrySecrets, context.dataDir);
  const glue = (owner: SessionOwner) => {
    const target = context.connections.target(owner);
    const local = target.kind === 'endpoint' && !target.glueEndpoint && !process.env.AWS_ENDPOINT_URL_GLUE;
    return local ? undefined : glueSchemaResolver(target, { dataDir: context.dataDir });
  };
  const registries = (owner: SessionOwner) => connectionRegistries(glue(owner), confluent.of(context.connections.target(owner)));
  const schemas = context.schemas ?? schemaSource(context.connections, schemaBindings, registries);
  const masking = new Masking(context.connections, context.dataDir);
  const writeSchemaDeps: WriteSchemaDeps = {
    connections: context.connections,
    bindings: schemaBindings,
    glue,
    confluent: (owner) => confluent.of(context.connections.target(owner)),
  };
  const encoders = writeSchemas(writeSchemaDeps);
  return audited(
    {
      'app:info': async () => ({ version: context.version, host: context.host, compressions: supportedCompressions() }),
      ...connectionHandlers(context.connections),
      ...streamHandlers(context.connections),
      ...permissionHandlers(context.connections),
      ...previewHandlers(context.sessions, context.reading, schemas, masking),
      ...metricsHandlers(context.sessions, context.connections, context.reading),
      ...capacityHandlers(context.connections),
      ...runHandlers(
        context.connections,
        context.sessions,
        context.reading,
        context.history,
        context.folders,
        context.dataDir,
        schemas,
        masking,
      ),
      ...searchHandlers(context.sessions, context.reading, schemas, masking),
      ...maskingHandlers(masking),
      ...viewsHandlers(new SavedViews(context.connections, context.dataDir)),
      ...heatHandlers(context.sessions, context.reading, masking),
      ...redriveHandlers(context.connections, context.reading, masking, schemas),
      ...schemaHandlers(context.connections, schemaBindings, registries),
      ...registrySchemaHandlers(writeSchemaDeps, context.host),
      ...writeHandlers(context.connections, context.sessions, context.reading, context.dataDir, context.planTokens, {
        encoders,
        host: context.host,
        masking,
      }),
      ...produceHandlers(context.connections, context.sessions, context.planTokens, context.host, encoders),
      ...adminHandlers(context.connections, context.planTokens),
      ...consumerHandlers(context.connections, context.sessions, context.reading, context.planTokens),
      ...pipelineHandlers({ connections: context.connections, reading: context.reading, schemaSource: schemas }, context.version),
      ...auditHandlers(context.audit),
    },
    { audit: context.audit, connections: context.connections },
  );
}

export async function startShardscopeApp(options: ShardscopeAppOptions): Promise<ShardscopeApp> {
  const events = new EventHub();
  const dataDir = options.dataDir ?? dataDirectory();
  const sessions = new SessionRegistry(options.sessionLimit);
  const connections = new ConnectionManager({
    dataDir,
    keychain: options.keychain ?? new KeychainSecretStore(),
    sandbox: () =>
      startSandbox({
        demo: options.sandbox?.demo ?? true,
        recordsPerSecond: options.sandbox?.recordsPerSecond,
        onProducerStatus: (status) => events.emit('sandbox:producer', status),
      }),
    credentialOptions: options.credentialOptions,
    readBudget: options.readBudget,
    readOnly: options.readOnly,
    changes: connectionChanges(sessions),
  });
  await connections.open(options.connection);
  const budgets = new ReadBudgets();
  const reading = readerSource(connections, budgets);
  const history = new RunHistory(dataDir);
  const audit = new Audit(dataDir, { host: options.host });
  const handlers = createHandlers({
    connections,
    sessions,
    reading,
    history,
    folders: options.folders ?? {},
    host: options.host,
    version: options.version,
    dataDir,
    planTokens: new PlanTokens(options.planTokens),
    audit,
  });
  return {
    dispatch: createDispatcher(handlers, {
      logError: (channel, error) => options.logError?.(`call ${channel} failed`, describeForLog(error)),
    }),
    events,
    connections,
    sessions,
    budgets,
    reading,
    history,
    dataDir,
    audit,
    async closeOwner(ownerId) {
      await sessions.closeOwner(ownerId);
      connections.release(ownerId);
    },
    async stop() {
      await sessions.stopAll('app-stopped');
      // A produce or copy stopped just now writes how it ended before the process may exit.
      await audit.log.settled();
      await connections.stop();
    },
  };
}

/**
 * One caller's connection change, whatever the host: its own sessions end when it moves (no
 * reader outlives the connection it was opened on) and only it is told; a new budget or
 * read-only switch leaves its readers running; a connection made read-only stops its writers.
 */
function connectionChanges(sessions: SessionRegistry): ConnectionChanges {
  return {
    switched(owner, active) {
      void sessions.stopOwner(owner.id, 'connection-changed', 'The connection was switched.');
      owner.send('connections:changed', active);
    },
    updated(owner, active) {
      owner.send('connections:changed', active);
    },
    madeReadOnly(profile) {
      void sessions.stopWritersTo(
        profile,
        'error',
        (session) =>
          `"${profile}" is a read-only connection now: the ${session.kind} stopped before its next write. ` +
          `What it wrote is kept; once the connection is writable again, it resumes where it stopped.`,
      );
    },
  };
}
