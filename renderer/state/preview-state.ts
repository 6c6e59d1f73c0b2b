import type { PreviewBatch, PreviewRecord, PreviewStatus, StartPosition } from '../../shared/contract';
import type { QueryState } from '../api/query-state';
import type { PositionFields } from './position-fields';

export interface PreviewSlice {
  previewStream: string;
  previewSession: string | null;
  /** The last preview started, kept after its stop: its masking report arrives when it ends. */
  previewLastSession: string | null;
  previewRecords: PreviewRecord[];
  /** Records that fell out of the buffer (or never fit in it), since the last clear. */
  previewDropped: number;
  previewBufferLimit: number;
  previewStatus: PreviewStatus | null;
  previewError: string | null;
  previewPaused: boolean;
  selectedRecordId: string | null;
  setPreviewStream(name: string): void;
  startPreview(position: StartPosition, shardIds?: string[]): Promise<void>;
  stopPreview(): Promise<void>;
  pausePreview(): Promise<void>;
  resumePreview(): Promise<void>;
  clearPreview(): void;
  receiveBatch(batch: PreviewBatch): void;
  receiveStatus(status: PreviewStatus): void;
  selectRecord(id: string | null): void;
  /** The whole of the selected record, fetched on demand when the preview carried only its start. */
  fullRecord: { id: string; state: QueryState<PreviewRecord> } | null;
  loadFullRecord(record: PreviewRecord, stream: string): Promise<void>;
  setBufferLimit(limit: number): void;
  /** Opens the live preview on one shard at a record (a record just written), selecting it when it arrives. */
  openPreviewAt(stream: string, shardId: string, sequenceNumber: string): Promise<void>;
  /** The record openPreviewAt waits for, to select it. */
  pendingSelect: string | null;
  /** The starting-position form's fields: openPreviewAt fills them with the position it opened. */
  previewPositionFields: PositionFields;
  setPreviewPositionFields(fields: Partial<PositionFields>): void;
}
