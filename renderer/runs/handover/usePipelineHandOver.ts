import { useState } from 'react';
import type { PipelineAssets, PipelineEngineName, RunSummary } from '../../../shared/contract';
import { parseMoment } from '../../../shared/positions';
import { readS3Location, s3LocationRefusal } from '../../../shared/s3-location';
import { ApiError, messageOf, unwrap } from '../../api/api-error';
import { useApi } from '../../state/store';

export interface HandOverValues {
  engine: PipelineEngineName;
  prefix: string;
  /** Empty: now. */
  startAt: string;
  marginMinutes: string;
  /** The records' encoding on the wire; empty: as the run read them. */
  encoding: '' | 'json' | 'avro' | 'protobuf';
  out: string;
}

type Request = {
  stream: string;
  engine: PipelineEngineName;
  fromRun: string;
  prefix: string;
  startAt?: string;
  marginMinutes: number;
  encoding?: 'json' | 'avro' | 'protobuf';
};

/** The engine's prefix beside the run's own when the run went to S3, so the two outputs sit together. */
function enginePrefixFor(run: RunSummary): string {
  const s3 = /^s3:\/\/(.+?)\/?$/i.exec(run.folder);
  return s3 ? `s3://${s3[1]}-engine/` : '';
}

/** The request the form stands for, or what is wrong with it in words. */
export function requestOf(run: RunSummary, v: HandOverValues): { request: Request } | { error: string } {
  const read = readS3Location(v.prefix);
  if ('problem' in read) return { error: s3LocationRefusal(v.prefix.trim(), read.problem) };
  let startAt: string | undefined;
  if (v.startAt.trim()) {
    const moment = parseMoment(v.startAt);
    if (!moment) return { error: 'The start time is an ISO-8601 time, e.g. 2026-12-06T10:00:00Z; empty for now.' };
    startAt = moment.toISOString();
  }
  const margin = Number(v.marginMinutes);
  if (!Number.isInteger(margin) || margin < 1 || margin > 1_440)
    return { error: 'The margin is a whole number of minutes from 1 to 1440.' };
  return {
    request: {
      stream: run.stream,
      engine: v.engine,
      fromRun: run.folder,
      prefix: v.prefix.trim(),
      marginMinutes: margin,
      ...(v.encoding ? { encoding: v.encoding } : {}),
      ...(startAt ? { startAt } : {}),
    },
  };
}

/**
 * The hand-over of one run to a managed engine: generate the assets to preview them, then write
 * them to a folder, asking before files of the same names there are replaced.
 */
export function usePipelineHandOver(run: RunSummary) {
  const api = useApi();
  const [values, setValues] = useState<HandOverValues>({
    engine: 'firehose',
    prefix: enginePrefixFor(run),
    startAt: '',
    marginMinutes: '15',
    encoding: '',
    out: '',
  });
  const [assets, setAssets] = useState<PipelineAssets | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The files a write found in the folder: they are replaced only once the user says so. */
  const [taken, setTaken] = useState<string | null>(null);
  const [written, setWritten] = useState<string[] | null>(null);

  const set = <K extends keyof HandOverValues>(key: K, value: HandOverValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    // What was previewed or written no longer matches the form.
    if (key !== 'out') setAssets(null);
    setTaken(null);
    setWritten(null);
  };

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const preview = () =>
    attempt(async () => {
      const built = requestOf(run, values);
      if ('error' in built) throw new Error(built.error);
      setAssets(null);
      setAssets(await unwrap(api.pipelines.generate(built.request)));
    });

  const write = (replace: boolean) =>
    attempt(async () => {
      const built = requestOf(run, values);
      if ('error' in built) throw new Error(built.error);
      if (!values.out.trim()) throw new Error('Give the folder the files go to, as a full path.');
      setWritten(null);
      try {
        const result = await unwrap(api.pipelines.write({ ...built.request, out: values.out.trim(), replace }));
        setAssets(result);
        setTaken(null);
        setWritten(result.written);
      } catch (failure) {
        if (failure instanceof ApiError && failure.remedy === 'replace-files') {
          setTaken(failure.message);
          return;
        }
        throw failure;
      }
    });

  return { values, set, assets, error, busy, taken, written, preview, write };
}
