import type { SessionKind, SessionState, SessionStatus, StopCause } from '../../../shared/contract';
import type { SessionResult } from '../../../shared/contract/sessions';
import type { Remedy } from '../../../shared/contract/errors';
import { redactSecrets } from '../../security/redact';
import { AppError, toApiError } from '../app-error';
import type { SessionOwner } from './session-owner';

/**
 * One long-running piece of work a transport started: a preview, a meter, a run, a search. It
 * has an owner, tells that owner each change of state, and ends exactly once with a cause.
 */
export abstract class Session {
  abstract readonly kind: SessionKind;
  private state: SessionState = 'starting';
  private stoppedWith: { by: StopCause; reason: string | null; remedy?: Remedy } | null = null;
  private settle!: (status: SessionStatus) => void;
  /** Resolves with the final status once the session has stopped and released everything. */
  readonly ended = new Promise<SessionStatus>((resolve) => (this.settle = resolve));

  constructor(
    readonly id: string,
    readonly owner: SessionOwner,
  ) {}

  /** The saved connection this session writes with, if it writes: made read-only, it stops. */
  get writesTo(): string | null {
    return null;
  }

  /** Starts the work; a stop while it starts makes it throw once everything is released. */
  protected abstract begin(): Promise<void>;
  /** Releases every timer, reader and client. Called again after a start the stop overtook, so it must be idempotent. */
  protected abstract end(): Promise<void>;

  protected onPause(): void {
    throw new AppError('invalid-input', `A ${this.kind} session cannot pause.`);
  }

  protected onResume(): void {}

  async start(): Promise<void> {
    try {
      await this.begin();
    } catch (error) {
      await this.stop('error', toApiError(error).message);
      throw error;
    }
    // A session that finished its work while starting (a short run) has nothing to apologise for.
    if (this.stoppedWith?.by === 'completed') return;
    if (this.stoppedWith) {
      await this.end();
      throw new AppError(
        'unavailable',
        `The ${this.kind} stopped before it started${this.stoppedWith.reason ? `: ${this.stoppedWith.reason}` : '.'}`,
      );
    }
    this.setState('running');
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.onPause();
    this.setState('paused');
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.onResume();
    this.setState('running');
  }

  /** Ends the session once; later calls wait for the first to finish. A remedy goes with a failure the user can fix. */
  async stop(by: StopCause = 'user', reason: string | null = null, remedy?: Remedy): Promise<SessionStatus> {
    if (this.stoppedWith) return this.ended;
    // Redacted once here: the reason goes on to events, manifests and histories.
    this.stoppedWith = { by, reason: reason === null ? null : redactSecrets(reason), ...(remedy ? { remedy } : {}) };
    this.state = 'stopped';
    try {
      await this.end();
    } finally {
      this.publish();
      this.settle(this.status());
    }
    return this.ended;
  }

  get isStopped(): boolean {
    return this.stoppedWith !== null;
  }

  get currentState(): SessionState {
    return this.state;
  }

  get stopReason(): string | null {
    return this.stoppedWith?.reason ?? null;
  }

  /** What the user can do about the failure that stopped the session, if it says. */
  get stopRemedy(): Remedy | undefined {
    return this.stoppedWith?.remedy;
  }

  status(): SessionStatus {
    const result = this.state === 'stopped' ? this.result() : undefined;
    // A run or copy may find its remedy only while it ends (a write that failed on the way out).
    const remedy = this.stoppedWith?.remedy ?? (result && 'summary' in result ? result.summary.remedy : undefined);
    return {
      sessionId: this.id,
      kind: this.kind,
      state: this.state,
      stoppedBy: this.stoppedWith?.by ?? null,
      reason: this.stoppedWith?.reason ?? null,
      ...(remedy ? { remedy } : {}),
      ...(result ? { result } : {}),
    };
  }

  /** What the session leaves once stopped (a run's summary, a copy's totals), for its last status. */
  protected result(): SessionResult | undefined {
    return undefined;
  }

  private setState(state: SessionState): void {
    if (this.stoppedWith) return;
    this.state = state;
    this.publish();
  }

  private publish(): void {
    this.owner.send('session:status', this.status());
  }
}
