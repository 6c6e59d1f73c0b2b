import type { StartPosition } from '../../shared/contract';
import { parseMoment } from '../../shared/positions';
import { useAppStore } from '../state/store';
import type { PositionType } from '../state/position-fields';

export type { PositionType } from '../state/position-fields';

/**
 * The starting-position fields and the position they describe, or what is missing. They live in
 * the store, so a preview opened at a position from elsewhere shows that position, and the fields
 * are as the user left them when the page is opened again.
 */
export function usePositionForm() {
  const fields = useAppStore((s) => s.previewPositionFields);
  const setFields = useAppStore((s) => s.setPreviewPositionFields);
  const { type, when, shardId, sequenceNumber } = fields;

  const build = (): { position: StartPosition } | { error: string } => {
    switch (type) {
      case 'TRIM_HORIZON':
      case 'LATEST':
        return { position: { type } };
      case 'AT_TIMESTAMP': {
        const moment = parseMoment(when);
        return moment
          ? { position: { type, timestamp: moment.toISOString() } }
          : { error: 'Give a time such as 15 minutes ago, -2h or 2026-11-28T08:00:00Z.' };
      }
      default:
        if (!shardId.trim()) return { error: 'Choose the shard the sequence number belongs to.' };
        if (!/^\d+$/.test(sequenceNumber.trim())) return { error: 'A sequence number is digits only.' };
        return { position: { type, shardId: shardId.trim(), sequenceNumber: sequenceNumber.trim() } };
    }
  };

  return {
    type,
    setType: (value: PositionType) => setFields({ type: value }),
    when,
    setWhen: (value: string) => setFields({ when: value }),
    shardId,
    setShardId: (value: string) => setFields({ shardId: value }),
    sequenceNumber,
    setSequenceNumber: (value: string) => setFields({ sequenceNumber: value }),
    build,
  };
}
