import { useEffect } from 'react';
import { useAppStore } from '../state/store';
import { Dialog } from '../ui/Dialog';
import { ConnectionChoices } from '../ui/ConnectionChoices';
import { Field } from '../ui/Field';
import { Readouts } from '../ui/Readouts';
import { ErrorState, LoadingState } from '../ui/States';
import { countOf } from '../../shared/plural';
import type { QueryState } from '../api/query-state';
import { ConfirmWrite, type WriteConfirmation } from '../ui/ConfirmWrite';
import { KeysField } from './KeysField';
import { StreamPicker } from './StreamPicker';
import { useCopyForm, type CopyFrom } from './useCopyForm';
import type { WritesSlice } from '../state/writes-state';
import { stopMessage } from '../ui/stop-message';
import { TextField } from '../ui/TextField';

const number = new Intl.NumberFormat();

type CopyPlan = NonNullable<WritesSlice['copyPlan']>;

/** The copy's plan as the confirmation shows it: where it writes, and how much and how fast, as main estimated. */
function confirmationOf(state: CopyPlan['state'], target: string): QueryState<WriteConfirmation> {
  if (state.status !== 'ok') return state;
  const { windowRecords, recordsPerSecond } = state.data;
  const facts: [string, string][] = [
    ['Records', windowRecords === null ? 'not known before reading' : `about ${countOf(windowRecords, 'record')}`],
    ['Pace', `at most ${number.format(recordsPerSecond)} records a second`],
  ];
  return { status: 'ok', data: { target: state.data.target, stream: target, facts } };
}

export function CopyDialog({ source }: { source: string }) {
  const form = useCopyForm(source);
  const f = form.fields;
  const built = form.build();
  const profiles = useAppStore((s) => s.connectionList?.profiles);
  const loadProfiles = useAppStore((s) => s.loadConnectionList);
  const estimate = useAppStore((s) => s.copyEstimate);
  const estimateCopy = useAppStore((s) => s.estimateCopy);
  const start = useAppStore((s) => s.startCopy);
  const stop = useAppStore((s) => s.stopCopy);
  const session = useAppStore((s) => s.copySession);
  const progress = useAppStore((s) => s.copyProgress);
  const error = useAppStore((s) => s.copyError);
  const status = useAppStore((s) => (s.copySession ? s.sessionStatuses[s.copySession] : undefined));
  const close = useAppStore((s) => s.closeWriteDialog);
  const copyPlan = useAppStore((s) => s.copyPlan);
  const planCopy = useAppStore((s) => s.planCopy);
  const dropPlan = useAppStore((s) => s.dropWritePlan);
  // Only the plan of the fields as they stand is confirmed, not one for fields since edited.
  const plan = copyPlan?.key === form.fieldsKey ? copyPlan : null;
  const buildSpec = form.build;
  const valid = 'spec' in built;
  const starting = useAppStore((s) => s.copyStarting);
  const conflict = useAppStore((s) => s.copyConflict);

  useEffect(() => {
    if (!profiles) void loadProfiles();
  }, [profiles, loadProfiles]);
  useEffect(() => {
    if (!valid) return;
    const timer = setTimeout(() => {
      const next = buildSpec();
      if ('spec' in next) void estimateCopy(next.spec);
    }, 300);
    return () => clearTimeout(timer);
    // The fields, not the spec (whose "since" is a new instant each render), say when to estimate again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form.fieldsKey, valid, estimateCopy]);

  const running = session !== null && status?.state !== 'stopped';
  const stopped = stopMessage('copy', status);
  return (
    <Dialog title={`Copy from ${source}`} onClose={close}>
      <div className="form-grid">
        <StreamPicker label="To stream" value={f.target} onChange={f.setTarget} />
        <Field label="Write with connection">
          {(props) => (
            <select
              {...props}
              className="select"
              value={f.targetProfile ?? ''}
              onChange={(e) => f.setTargetProfile(e.target.value || null)}
            >
              <ConnectionChoices active={form.activeLabel} profiles={profiles} />
            </select>
          )}
        </Field>
        <Field label="From">
          {(props) => (
            <select {...props} className="select" value={f.from} onChange={(e) => f.setFrom(e.target.value as CopyFrom)}>
              <option value="AT_TIMESTAMP">A moment</option>
              <option value="TRIM_HORIZON">The oldest record (TRIM_HORIZON)</option>
              <option value="LATEST">Now (LATEST)</option>
            </select>
          )}
        </Field>
        {f.from === 'AT_TIMESTAMP' && (
          <TextField label="Since" hint="e.g. 1 hour ago, -30m, 2026-11-28T08:00:00Z" value={f.since} onChange={f.setSince} />
        )}
        <TextField
          label="Until"
          hint="Empty: until caught up with the tip as each shard stood when reached"
          value={f.until}
          onChange={f.setUntil}
        />
        <KeysField value={f.keys} onChange={f.setKeys} />
        <TextField
          label="Records a second at most"
          hint="Empty: the target’s capacity (1,000 a second per open shard)"
          value={f.rate}
          onChange={f.setRate}
          inputMode="numeric"
        />
      </div>
      {'error' in built && f.target && <p className="field__error">{built.error}</p>}
      {estimate?.status === 'loading' && <LoadingState label="Estimating" />}
      {estimate?.status === 'error' && <ErrorState title="Cannot copy there" message={estimate.error.message} />}
      {estimate?.status === 'ok' && (
        <p className="muted" aria-label="Estimate">
          {estimate.data.note}
        </p>
      )}
      {error && <ErrorState title="The copy did not start" message={error} />}
      {conflict && 'spec' in built && (
        <div className="dialog__actions" role="group" aria-label="An unfinished copy">
          <button type="button" className="button" disabled={starting} onClick={() => void start(built.spec, { resume: true })}>
            Resume the unfinished copy
          </button>
          <button type="button" className="button" disabled={starting} onClick={() => void start(built.spec, { restart: true })}>
            Start over
          </button>
        </div>
      )}
      {stopped && <ErrorState title="The copy stopped" message={stopped} />}
      {session && progress && (
        <Readouts
          label="Copy progress"
          items={[
            ['read', number.format(progress.read)],
            ['written', number.format(progress.written)],
            ['already in the target', number.format(progress.alreadyWritten)],
            ['sent again', number.format(progress.retried)],
            ['records per second', number.format(Math.round(progress.recordsPerSecond))],
            ['state', running ? 'copying' : status?.stoppedBy === 'completed' ? 'completed' : 'stopped'],
          ]}
        />
      )}
      {running ? (
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => void stop()}>
            Stop copy
          </button>
        </div>
      ) : (
        'spec' in built && (
          <ConfirmWrite
            plan={plan && confirmationOf(plan.state, plan.spec.target)}
            onReview={() => void planCopy(built.spec, form.fieldsKey)}
            onBack={dropPlan}
            what={`Copy ${source}`}
            busy={starting}
            onConfirm={() => plan?.state.status === 'ok' && void start(plan.spec, { token: plan.state.data.token })}
          />
        )
      )}
    </Dialog>
  );
}
