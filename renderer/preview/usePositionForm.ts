import { useState } from 'react';
import type { StartPosition } from '../../shared/contract';
import { parseMoment } from '../../shared/positions';

export type PositionType = StartPosition['type'];

/** The starting-position fields and the position they describe, or what is missing. */
export function usePositionForm() {
  const [type, setType] = useState<PositionType>('LATEST');
  const [when, setWhen] = useState('15 minutes ago');
  const [shardId, setShardId] = useState('');
  const [sequenceNumber, setSequenceNumber] = useState('');

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

  return { type, setType, when, setWhen, shardId, setShardId, sequenceNumber, setSequenceNumber, build };
}
