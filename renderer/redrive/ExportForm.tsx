import { useEffect, useState } from 'react';
import { unwrap } from '../api/api-error';
import type { RunSpec } from '../../shared/contract';
import { countOf } from '../../shared/plural';
import { useApi, useAppStore } from '../state/store';
import { Field } from '../ui/Field';
import { count } from '../ui/format';
import { Readouts } from '../ui/Readouts';
import { ErrorState, LoadingState } from '../ui/States';
import { stopMessage } from '../ui/stop-message';
import { TextField } from '../ui/TextField';
import { planFacts } from './RedriveDialog';

type Format = RunSpec['format'];

/** Exports the notices' records to a folder: an ingestion run over exactly their ranges, masked as every run is. */
export function ExportForm() {
  const api = useApi();
  const [folder, setFolder] = useState('');
  const [format, setFormat] = useState<Format>('jsonl');
  const host = useAppStore((s) => s.host);
  const loadHost = useAppStore((s) => s.loadHost);
  const planned = useAppStore((s) => s.redrivePlan);
  const plan = useAppStore((s) => s.planExport);
  const drop = useAppStore((s) => s.dropRedrivePlan);
  const start = useAppStore((s) => s.startRedrive);
  const startedHere = useAppStore((s) => s.redriveStarted?.sessionId);
  const startError = useAppStore((s) => s.redriveStartError);
  const session = useAppStore((s) => s.runSession);
  const progress = useAppStore((s) => s.runProgress);
  const status = useAppStore((s) => (s.runSession ? s.sessionStatuses[s.runSession] : undefined));
  const stop = useAppStore((s) => s.stopRun);
  useEffect(() => void loadHost(), [loadHost]);

  const key = JSON.stringify([folder.trim(), format]);
  const current = planned?.key === key ? planned.state : null;
  const mine = session !== null && session === startedHere;
  const running = mine && status?.state !== 'stopped';
  const stopped = mine ? stopMessage('export', status) : null;
  const choose = async () => {
    const chosen = await unwrap(api.runs.chooseFolder()).catch(() => ({ folder: null }));
    if (chosen.folder) setFolder(chosen.folder);
  };
  return (
    <>
      <div className="form-grid">
        <TextField
          label="Folder"
          hint="On the machine Shardscope runs on; made if it is not there"
          value={folder}
          onChange={setFolder}
          mono
        />
        {host === 'electron' && (
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => void choose()}>
              Choose a folder…
            </button>
          </div>
        )}
        <Field label="Format">
          {(props) => (
            <select {...props} className="select" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              <option value="jsonl">JSON Lines</option>
              <option value="csv">CSV</option>
              <option value="parquet">Parquet</option>
            </select>
          )}
        </Field>
      </div>
      {startError && !mine && <ErrorState title="The export did not start" message={startError.message} />}
      {stopped && <ErrorState title="The export stopped" message={stopped} />}
      {mine && progress && (
        <Readouts
          label="Export progress"
          items={[
            ['records', count(progress.records)],
            ['files', count(progress.files)],
            ['state', running ? 'exporting' : status?.stoppedBy === 'completed' ? 'completed' : 'stopped'],
          ]}
        />
      )}
      {running && (
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => void stop()}>
            Stop the export
          </button>
        </div>
      )}
      {!mine && !current && (
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!folder.trim()}
            onClick={() => void plan({ folder: folder.trim(), format }, key)}
          >
            Review the export…
          </button>
        </div>
      )}
      {!mine && current?.status === 'loading' && <LoadingState label="Planning the export" />}
      {!mine && current?.status === 'error' && (
        <>
          <ErrorState title="Cannot export there" message={current.error.message} />
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => void drop()}>
              Back
            </button>
          </div>
        </>
      )}
      {!mine && current?.status === 'ok' && current.data.action === 'export' && (
        <section className="write-confirm" aria-label="Confirm the export">
          <p>
            Export the records of <strong className="mono">{current.data.plan.spec.stream}</strong>:
          </p>
          <dl className="pairs">
            {[
              ['Folder', current.data.plan.spec.folder],
              ['Format', current.data.plan.spec.format],
              ...planFacts(current.data.plan.plan),
            ].map(([label, value]) => (
              <div className="pairs__row" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => void drop()}>
              Back
            </button>
            <button type="button" className="button button--primary" onClick={() => void start()}>
              Export {countOf(current.data.plan.plan.totals.found, 'record')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
