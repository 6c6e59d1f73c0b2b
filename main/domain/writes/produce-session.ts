import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ProduceSpec } from '../../../shared/contract';
import { toApiError } from '../../core/app-error';
import { Session } from '../../core/sessions/session';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { openProduce, type ProduceSummary } from './produce';
import type { SchemaEncoder } from '../engine/decode/schema/schema-encoder';

export interface ProduceSessionOptions {
  /** With the encoder its schema was resolved to, when it encodes with one. */
  spec: ProduceSpec & { encoder?: SchemaEncoder };
  /** Made for this produce alone, and destroyed with it. */
  client: KinesisClient;
  /** The saved connection it writes with: made read-only, the produce stops before its next write. */
  profile: string | null;
  progressMs?: number;
}

/**
 * One confirmed file written to a stream, as a session: its owner is told the progress and, once,
 * the summary (before the session says it stopped), and may stop it; a stop ends the file where
 * it is, with what was written kept and said. What fails before the first record (the file is
 * gone) fails the start, as an error with its own code.
 */
export class ProduceSession extends Session {
  readonly kind = 'produce';
  private readonly abort = new AbortController();
  private running: Promise<ProduceSummary> | null = null;
  private told = false;

  constructor(
    id: string,
    owner: SessionOwner,
    private readonly options: ProduceSessionOptions,
  ) {
    super(id, owner);
  }

  override get writesTo(): string | null {
    return this.options.profile;
  }

  protected async begin(): Promise<void> {
    const produce = await openProduce(this.options.client, this.options.spec);
    const running = produce({
      signal: this.abort.signal,
      progressMs: this.options.progressMs,
      onProgress: (progress) => this.owner.send('produce:progress', { sessionId: this.id, ...progress }),
    });
    this.running = running;
    void running.then(
      (summary) => {
        this.tell(summary);
        void this.stop(summary.outcome === 'failed' ? 'error' : 'completed', summary.reason);
      },
      // The rejects file could not be closed: the session says why it stopped, with no summary to tell.
      (error: unknown) => void this.stop('error', toApiError(error).message),
    );
  }

  protected async end(): Promise<void> {
    this.abort.abort();
    // Told before the stop is: the owner reads how the file ended from the summary.
    const summary = await this.running?.catch(() => null);
    if (summary) this.tell(summary);
    this.options.client.destroy();
  }

  private tell(summary: ProduceSummary): void {
    if (this.told) return;
    this.told = true;
    this.owner.send('produce:finished', { sessionId: this.id, ...summary });
  }
}
