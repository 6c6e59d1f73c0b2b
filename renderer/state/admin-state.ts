import type { CallOutput, StreamChangeInput } from '../../shared/contract';
import type { QueryState } from '../api/query-state';

/** The kinds of change a dialog opens on, and what it starts with (a shard to split, say). */
export type ChangeKind = StreamChangeInput['type'];

export interface ChangeDialogState {
  kind: ChangeKind;
  stream: string;
  /** A shard chosen where the dialog was opened from (the shard map, a hot shard). */
  shardId?: string;
  adjacentShardId?: string;
  /** Where to split, when a heat suggestion worked it out. */
  hashKey?: string;
}

export interface AdminSlice {
  changeDialog: ChangeDialogState | null;
  /** The plan shown, with the token main gave it: only this plan can be applied. */
  changePlan: QueryState<CallOutput<'admin:plan'>> | null;
  /** The change the plan is for (as JSON): a plan for fields since edited is not confirmed. */
  changePlanFor: string | null;
  changeResult: QueryState<{ applied: boolean; steps: string[]; awsCli: string[] }> | null;
  /** The stream's status while a change is applied (CREATING, UPDATING, DELETING…), polled once a second. */
  changeStreamStatus: string | null;
  openChange(dialog: ChangeDialogState): void;
  closeChange(): void;
  planStreamChange(change: StreamChangeInput): Promise<void>;
  /** Applies the change (main follows the stream until ACTIVE), then reloads the list and the detail. */
  applyStreamChange(change: StreamChangeInput): Promise<void>;
}
