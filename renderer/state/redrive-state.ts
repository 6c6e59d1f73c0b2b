import type { CallOutput, NoticeTexts, RedriveFindOutput, RunSpec, SessionStatus } from '../../shared/contract';
import type { QueryState } from '../api/query-state';

/** Where the Failures view's notices come from: files read in the window, or a Lambda mapping's failure queue. */
export type NoticeSource = { kind: 'files'; texts: NoticeTexts } | { kind: 'queue'; queueUrl: string };

/** What the notices' records are done with: put back into a stream, or exported to a folder. */
export type RedriveAction = 'send' | 'export';

type PlanCopy = CallOutput<'redrive:planCopy'>;
type PlanExport = CallOutput<'redrive:planExport'>;

/** An action's plan: main's plan of the notices, and the copy or run it makes; a queue's messages held for it. */
export type RedrivePlanned =
  { action: 'send'; plan: PlanCopy; estimate: CallOutput<'copies:estimate'> } | { action: 'export'; plan: PlanExport };

export interface RedriveSlice {
  failuresSource: NoticeSource | null;
  /** The notices' plan and their records, masked by main, for the source open. */
  failures: QueryState<RedriveFindOutput> | null;
  selectedFailureId: string | null;
  redriveDialog: RedriveAction | null;
  /** The plan asked for by the open dialog, for the fields it was asked with (by key). */
  redrivePlan: { key: string; state: QueryState<RedrivePlanned> } | null;
  /**
   * A queue's messages held for a put-back or export that was started: deleted when its session
   * completes, handed back when it stops any other way.
   */
  redriveHold: { hold: string; sessionId: string | null } | null;
  /** What the last settle of the queue said (deleted, handed back, or why not deleted). */
  redriveSettled: CallOutput<'redrive:settleQueue'> | null;
  redriveError: string | null;
  /** The copy or run the open dialog started: only its progress is shown there. */
  redriveStarted: { action: RedriveAction; sessionId: string } | null;
  /** Why the dialog's copy or run did not start; conflict: an unfinished copy of the same streams is there to resume. */
  redriveStartError: { message: string; conflict: boolean } | null;
  /** Opens the view on notices, reading them (and their records) in main. */
  openFailures(source: NoticeSource): Promise<void>;
  selectFailure(id: string | null): void;
  openRedriveDialog(action: RedriveAction): void;
  /** Closing hands a queue's held messages back when nothing was started with them. */
  closeRedriveDialog(): Promise<void>;
  planSendBack(target: { stream: string; profile: string | null }, key: string): Promise<void>;
  planExport(run: { folder: string; format: RunSpec['format'] }, key: string): Promise<void>;
  /**
   * Starts the planned copy (with its estimate's token; resuming or starting over an unfinished
   * one is estimated again) or run; a queue's hold then follows its session.
   */
  startRedrive(how?: { resume?: boolean; restart?: boolean }): Promise<void>;
  /** Forgets a plan not confirmed, handing its queue messages back. */
  dropRedrivePlan(): Promise<void>;
  receiveRedriveStatus(status: SessionStatus): void;
}
