import { startSandbox, type Sandbox } from '../domain/sandbox/sandbox';

/**
 * What a host needs to run the sandbox on its own (`shardscope sandbox`), for other AWS clients
 * and other Shardscope processes to use: the hosts reach the domain only through this layer.
 */
export { isRefreshableSandboxProfile, sandboxProfile, SANDBOX_PROFILE } from '../domain/sandbox/sandbox-profile';
export type { Sandbox } from '../domain/sandbox/sandbox';

export interface StandaloneSandboxOptions {
  host: string;
  port: number;
  /** Keeps the data in this folder; in memory when absent. */
  dataDir?: string;
  /** Create the demo streams and keep writing to them. */
  demo: boolean;
  recordsPerSecond: number;
}

/** A sandbox on a port of the caller's choosing, that lives until the caller stops it. */
export function startStandaloneSandbox(options: StandaloneSandboxOptions): Promise<Sandbox> {
  return startSandbox(options);
}
