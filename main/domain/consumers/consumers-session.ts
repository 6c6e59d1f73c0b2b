import { Session } from '../../core/sessions/session';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { sleep } from '../reader/timing';
import { consumersReport, forget, type ConsumersContext, type ReportMemory } from './consumers-report';

/**
 * Every this often while the panel is open: each sample is one short read per shard per
 * application, so a 4-shard stream with two applications costs 1.6 reads a second of the 5.
 */
export const CONSUMERS_SAMPLE_MS = 5_000;

export interface ConsumersSessionOptions {
  context: ConsumersContext;
  stream: string;
  leaseTables: readonly string[];
  intervalMs?: number;
  /** Called once the session ends: its reader client is released. */
  release(): void;
}

/**
 * The Consumers panel's feed: a report now, then one every interval, to its owner only. Samples
 * never overlap: the next waits for the previous to finish, however slow the lease tables are.
 */
export class ConsumersSession extends Session {
  readonly kind = 'consumers';
  private readonly abort = new AbortController();
  private readonly memory: ReportMemory = {};
  private loop: Promise<void> | null = null;

  constructor(
    id: string,
    owner: SessionOwner,
    private readonly options: ConsumersSessionOptions,
  ) {
    super(id, owner);
  }

  protected async begin(): Promise<void> {
    // The first report is awaited: a stream that does not exist fails the start, with the reason.
    await this.sample();
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      await sleep(this.options.intervalMs ?? CONSUMERS_SAMPLE_MS, signal);
      if (signal.aborted) return;
      try {
        await this.sample();
      } catch (error) {
        if (!signal.aborted) void this.stop('error', (error as Error).message);
        return;
      }
    }
  }

  private async sample(): Promise<void> {
    const report = await consumersReport(
      this.options.context,
      this.options.stream,
      this.options.leaseTables,
      this.memory,
      this.abort.signal,
    );
    if (!this.abort.signal.aborted) this.owner.send('consumers:sample', { sessionId: this.id, report });
  }

  protected async end(): Promise<void> {
    this.abort.abort();
    await this.loop?.catch(() => undefined);
    forget(this.memory);
    this.options.release();
  }
}
