import { useState } from 'react';
import type { CheckpointMoveInput, CheckpointTarget } from '../../shared/contract';

export type MoveTo = 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP' | 'AFTER_SEQUENCE_NUMBER';

/** The move dialog's fields, and the input they make, or what is still missing. */
export function useMoveForm(dialog: { stream: string; table: string; shardId: string | null }) {
  const [to, setTo] = useState<MoveTo>('TRIM_HORIZON');
  // A local date and time, as <input type="datetime-local"> gives it; an hour ago to begin with.
  const [time, setTime] = useState(() => {
    const d = new Date(Date.now() - 3_600_000 - new Date().getTimezoneOffset() * 60_000);
    return d.toISOString().slice(0, 16);
  });
  const [sequenceNumber, setSequenceNumber] = useState('');
  const [quietSeconds, setQuietSeconds] = useState('20');

  const build = (): { input: CheckpointMoveInput } | { missing: string } => {
    let target: CheckpointTarget;
    if (to === 'AT_TIMESTAMP') {
      const at = new Date(time);
      if (!time || Number.isNaN(at.getTime())) return { missing: 'Choose a date and time.' };
      target = { type: 'AT_TIMESTAMP', timestamp: at.toISOString() };
    } else if (to === 'AFTER_SEQUENCE_NUMBER') {
      if (!/^\d{1,128}$/.test(sequenceNumber.trim())) return { missing: 'A sequence number is digits only.' };
      target = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: sequenceNumber.trim() };
    } else target = { type: to };
    const quiet = Number(quietSeconds);
    if (!Number.isInteger(quiet) || quiet < 5 || quiet > 3_600) return { missing: 'Quiet time is whole seconds from 5 to 3600.' };
    return { input: { stream: dialog.stream, table: dialog.table, shardId: dialog.shardId, to: target, quietSeconds: quiet } };
  };

  return { fields: { to, setTo, time, setTime, sequenceNumber, setSequenceNumber, quietSeconds, setQuietSeconds }, build };
}
