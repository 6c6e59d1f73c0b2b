import { useState } from 'react';
import { useAppStore } from '../state/store';
import type { RunSpecInput, RunSummary } from '../../shared/contract';
import { parseMoment } from '../../shared/positions';
import { outputProblem, s3Options, type S3Choices, type SseChoice, type StorageClassChoice } from './run-output';

export type EndType = 'caught-up' | 'time' | 'count' | 'follow';
export type FromType = 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
export type PartitionChoice = 'none' | 'arrival:hour' | 'arrival:day' | 'field';

export interface RunFormValues extends S3Choices {
  stream: string;
  from: FromType;
  fromTime: string;
  until: EndType;
  untilTime: string;
  count: string;
  format: RunSpecInput['format'];
  compression: string;
  delimiter: string;
  folder: string;
  maxFileMiB: string;
  rollEveryMinutes: string;
  rate: string;
  map: string;
  partitionBy: PartitionChoice;
  partitionField: string;
  resume: boolean;
  /** A saved connection (or the sandbox) to run on, set by "run again"; null: the active one. */
  connection: string | null;
  connectionLabel: string;
  /** The connection "run again" asked for cannot be opened any more: named until the user picks the current one. */
  connectionGone: string | null;
}

const blank: RunFormValues = {
  stream: '',
  from: 'TRIM_HORIZON',
  fromTime: '-15m',
  until: 'caught-up',
  untilTime: '',
  count: '10000',
  format: 'jsonl',
  compression: 'default',
  delimiter: ',',
  folder: '',
  maxFileMiB: '128',
  rollEveryMinutes: '',
  rate: '',
  map: '',
  partitionBy: 'none',
  partitionField: '',
  sse: 'none' as SseChoice,
  kmsKeyId: '',
  storageClass: 'default' as StorageClassChoice,
  resume: false,
  connection: null,
  connectionLabel: '',
  connectionGone: null,
};

/** A spec a run can start with, or what is wrong with the form, in words. */
export function buildSpec(v: RunFormValues): { spec: RunSpecInput } | { error: string } {
  if (!v.stream.trim()) return { error: 'Choose a stream.' };
  if (!v.folder.trim()) return { error: 'Choose the folder or S3 prefix the files go to.' };
  const output = outputProblem(v.folder);
  if (output) return { error: output };
  let from: RunSpecInput['from'] = { type: v.from === 'AT_TIMESTAMP' ? 'TRIM_HORIZON' : v.from };
  if (v.from === 'AT_TIMESTAMP') {
    const moment = parseMoment(v.fromTime);
    if (!moment) return { error: 'The start time is an ISO-8601 time or a relative one like -15m.' };
    from = { type: 'AT_TIMESTAMP', timestamp: moment.toISOString() };
  }
  let until: RunSpecInput['until'] = { type: v.until === 'time' ? 'caught-up' : v.until === 'count' ? 'caught-up' : v.until };
  if (v.until === 'time') {
    const moment = parseMoment(v.untilTime);
    if (!moment) return { error: 'The end time is an ISO-8601 time or a relative one like -5m.' };
    until = { type: 'time', time: moment.toISOString() };
  }
  if (v.until === 'count') {
    const count = Number(v.count);
    if (!Number.isInteger(count) || count < 1) return { error: 'The number of records is a whole number above 0.' };
    until = { type: 'count', count };
  }
  const numberOr = (text: string, scale: number) => (text.trim() ? Number(text) * scale : undefined);
  let partitionBy: RunSpecInput['partitionBy'];
  if (v.partitionBy === 'field') {
    if (!v.partitionField.trim()) return { error: 'Name the field the files are partitioned by.' };
    partitionBy = { type: 'field', field: v.partitionField.trim() };
  } else if (v.partitionBy !== 'none') partitionBy = { type: 'arrival', unit: v.partitionBy === 'arrival:hour' ? 'hour' : 'day' };
  return {
    spec: {
      stream: v.stream.trim(),
      from,
      until,
      format: v.format,
      folder: v.folder.trim(),
      delimiter: v.delimiter === '\\t' ? '\t' : v.delimiter,
      ...(v.compression !== 'default' ? { compression: v.compression as RunSpecInput['compression'] } : {}),
      maxFileBytes: numberOr(v.maxFileMiB, 1024 * 1024),
      rollEveryMs: numberOr(v.rollEveryMinutes, 60_000),
      rate: numberOr(v.rate, 1),
      ...(v.map.trim() ? { map: v.map.trim() } : {}),
      ...(partitionBy ? { partitionBy } : {}),
      ...s3Options(v),
    },
  };
}

/** A fresh place beside a past run's: `/x/orders-again`, or `s3://b/orders-again/` for a prefix. */
function besideOf(output: string): string {
  const s3 = /^(s3:\/\/.+?)\/?$/i.exec(output.trim());
  return s3 && /^s3:\/\//i.test(output) ? `${s3[1]}-again/` : `${output}-again`;
}

/** The form, filled from a past run for "run again" (a fresh folder or prefix beside the old one). */
export function valuesFrom(summary: RunSummary): RunFormValues {
  const spec = summary.spec;
  if (!spec) return { ...blank, stream: summary.stream, format: summary.format, folder: besideOf(summary.folder) };
  return {
    ...blank,
    stream: spec.stream,
    from: spec.from.type === 'AT_TIMESTAMP' || spec.from.type === 'LATEST' ? spec.from.type : 'TRIM_HORIZON',
    fromTime: spec.from.type === 'AT_TIMESTAMP' ? spec.from.timestamp : blank.fromTime,
    until: spec.until.type,
    untilTime: spec.until.type === 'time' ? spec.until.time : '',
    count: spec.until.type === 'count' ? String(spec.until.count) : blank.count,
    format: spec.format,
    compression: spec.compression ?? 'default',
    delimiter: spec.delimiter === '\t' ? '\\t' : spec.delimiter,
    folder: besideOf(spec.folder),
    sse: spec.sse ?? 'none',
    kmsKeyId: spec.kmsKeyId ?? '',
    storageClass: spec.storageClass ?? 'default',
    maxFileMiB: String(spec.maxFileBytes / 1024 / 1024),
    rollEveryMinutes: spec.rollEveryMs ? String(spec.rollEveryMs / 60_000) : '',
    rate: spec.rate ? String(spec.rate) : '',
    map: spec.map ?? '',
    partitionBy: !spec.partitionBy ? 'none' : spec.partitionBy.type === 'field' ? 'field' : `arrival:${spec.partitionBy.unit}`,
    partitionField: spec.partitionBy?.type === 'field' ? spec.partitionBy.field : '',
  };
}

export function useRunForm() {
  // A new run starts on the stream chosen last anywhere in the app.
  const lastStream = useAppStore((s) => s.lastStream);
  const [values, setValues] = useState<RunFormValues>(() => ({ ...blank, stream: lastStream ?? '' }));
  const set = <K extends keyof RunFormValues>(key: K, value: RunFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  return { values, set, setValues };
}
