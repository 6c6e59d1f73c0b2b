import { isS3Target, type RunConnection, type RunSpec, type RunSummary } from '../../../shared/contract/runs';
import { AppError } from '../../core/app-error';
import { countOf } from '../../../shared/plural';
import type { RunFiles } from './run-files';

/** What a run did, as its history and "run again" keep it. */
export function summarizeRun(
  run: { spec: RunSpec; files: RunFiles; startedAt: Date; connection: RunConnection | undefined },
  outcome: RunSummary['outcome'],
  reason: string | null,
): RunSummary {
  const { spec, files, startedAt, connection } = run;
  const counts = files.counts;
  return {
    folder: spec.folder,
    stream: spec.stream,
    format: spec.format,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    records: counts.records,
    files: files.state.files.length,
    rejects: counts.rejects,
    shards: Object.keys(files.state.shards).length,
    seconds: (Date.now() - startedAt.getTime()) / 1_000,
    outcome,
    reason,
    spec,
    ...(connection ? { connection } : {}),
  };
}

/** The failure a run stops with once its rejects pass the limit it was given; null while under it. */
export function rejectLimitFailure(spec: RunSpec, counts: { rejects: number; seen: number }): AppError | null {
  const limit = spec.maxRejects;
  if (!limit) return null;
  const { rejects, seen } = counts;
  const over = 'count' in limit ? rejects > limit.count : seen >= 100 && (rejects / seen) * 100 > limit.percent;
  if (!over) return null;
  return new AppError(
    'invalid-input',
    `${rejects} of ${countOf(seen, 'record')} ${rejects === 1 ? 'was' : 'were'} rejected, more than the reject limit of ${'count' in limit ? limit.count : `${limit.percent}%`} allows; see ${isS3Target(spec.folder) ? `${spec.folder}rejects/` : `${spec.folder}/rejects.jsonl`}.`,
  );
}
