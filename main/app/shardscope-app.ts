import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ActiveConnection, ProducerStatus } from '../../shared/contract';
import { createClientFor, describeTarget, type ConnectionTarget } from '../connections/target';
import { createDispatcher, type Dispatch, type Handlers } from '../dispatch/dispatcher';
import { EventHub } from '../dispatch/event-hub';
import { listStreams } from '../kinesis/streams';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';

export type HostKind = 'electron' | 'browser' | 'test';

export interface ShardscopeAppOptions {
  host: HostKind;
  version: string;
  /** Where to connect; the embedded sandbox when absent. */
  target?: ConnectionTarget;
  sandbox?: { recordsPerSecond?: number; demo?: boolean };
  logError?: (message: string, error: unknown) => void;
}

/** Everything a host needs: the dispatcher, the event hub, and a stop that leaves nothing running. */
export interface ShardscopeApp {
  dispatch: Dispatch;
  events: EventHub;
  target: ConnectionTarget;
  stop(): Promise<void>;
}

interface HandlerContext {
  client: KinesisClient;
  active: ActiveConnection;
  host: HostKind;
  version: string;
}

/** One handler per call of the contract; the dispatcher has validated every input before these run. */
export function createHandlers(context: HandlerContext): Handlers {
  return {
    'app:info': async () => ({ version: context.version, host: context.host }),
    'connections:active': async () => context.active,
    'streams:list': () => listStreams(context.client),
  };
}

export async function startShardscopeApp(options: ShardscopeAppOptions): Promise<ShardscopeApp> {
  const events = new EventHub();
  let sandbox: Sandbox | null = null;
  let target = options.target;
  if (!target) {
    sandbox = await startSandbox({
      demo: options.sandbox?.demo ?? true,
      recordsPerSecond: options.sandbox?.recordsPerSecond,
      onProducerStatus: (status: ProducerStatus) => events.emit('sandbox:producer', status),
    });
    target = { kind: 'sandbox', endpoint: sandbox.endpoint, region: sandbox.region };
  }
  const client: KinesisClient = createClientFor(target);
  const active = describeTarget(target);

  const handlers = createHandlers({ client, active, host: options.host, version: options.version });

  return {
    dispatch: createDispatcher(handlers, { logError: (channel, error) => options.logError?.(`call ${channel} failed`, error) }),
    events,
    target,
    async stop() {
      client.destroy();
      await sandbox?.stop();
    },
  };
}
