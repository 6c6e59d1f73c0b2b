import { classifyAwsError } from '../../aws/errors';
import { Session } from '../../core/sessions/session';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { sleep } from '../engine/reader/timing';
import { consumersReport, forget, type ConsumersContext, type ReportMemory } from './consumers-report';

/**
 * Every this often while the panel is open: each sample is one short read per shard per
 * application, so a 4-shard stream with two applications costs 1.6 reads a second of the 5.
 */
export const CONSUMERS_SAMPLE_MS = 5_000;
/** Samples in a row that may fail for a passing reason before the session gives up, visibly. */
const MAX_FAILED_SAMPLES = 6;

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

  /**
   * A sample that fails for a passing reason (throttled, a dropped connection) is skipped and the
   * next waits longer; one that cannot succeed (the stream is gone, access refused) ends the session.
   */
  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      await sleep((this.options.intervalMs ?? CONSUMERS_SAMPLE_MS) * 2 ** Math.min(failures, 3), signal);
      if (signal.aborted) return;
      try {
        await this.sample();
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        const failure = classifyAwsError(error);
        if (failure.reader === 'stop' || ++failures > MAX_FAILED_SAMPLES) {
          void this.stop('error', failure.message);
          return;
        }
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
