import { useState } from 'react';
import type { CopyKeys, CopySpecInput } from '../../shared/contract';
import { parseMoment } from '../../shared/positions';
import { useAppStore } from '../state/store';

export type CopyFrom = 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';

/** The copy form: the window, the target (stream and connection), keys and rate, and the spec they make. */
export function useCopyForm(source: string) {
  const active = useAppStore((s) => s.connection);
  const [target, setTarget] = useState('');
  const [targetProfile, setTargetProfile] = useState<string | null>(null);
  const [from, setFrom] = useState<CopyFrom>('AT_TIMESTAMP');
  const [since, setSince] = useState('1 hour ago');
  const [until, setUntil] = useState('');
  const [keys, setKeys] = useState<CopyKeys>({ type: 'keep' });
  const [rate, setRate] = useState('');

  const build = (): { spec: CopySpecInput } | { error: string } => {
    if (!target) return { error: 'Choose the stream to write to.' };
    if (target === source && targetProfile === null && keys.type === 'keep' && !until)
      return { error: 'Copying a stream into itself until caught up would never end: give an end time.' };
    const start = from === 'AT_TIMESTAMP' ? parseMoment(since) : null;
    if (from === 'AT_TIMESTAMP' && !start) return { error: 'Give a start such as 1 hour ago or 2026-11-28T08:00:00Z.' };
    const end = until ? parseMoment(until) : null;
    if (until && !end) return { error: 'Give an end such as 10 minutes ago, or leave it empty for “until caught up”.' };
    const perSecond = rate ? Number(rate) : null;
    if (rate && !(perSecond! > 0)) return { error: 'A rate is a number of records a second above 0.' };
    return {
      spec: {
        source,
        target,
        targetProfile,
        from: start ? { type: 'AT_TIMESTAMP', timestamp: start.toISOString() } : { type: from as 'TRIM_HORIZON' | 'LATEST' },
        until: end ? { type: 'time', time: end.toISOString() } : { type: 'caught-up' },
        keys,
        rate: perSecond,
      },
    };
  };

  // What the form says, not the spec: "1 hour ago" is a new instant every render, and a key made
  // from it would ask for a new estimate on every one.
  const fieldsKey = JSON.stringify([target, targetProfile, from, since, until, keys, rate]);

  return {
    fieldsKey,
    fields: {
      target,
      setTarget,
      targetProfile,
      setTargetProfile,
      from,
      setFrom,
      since,
      setSince,
      until,
      setUntil,
      keys,
      setKeys,
      rate,
      setRate,
    },
    activeLabel: active?.label ?? '',
    build,
  };
}
