import { useEffect, useState } from 'react';
import type { QueryState } from '../api/query-state';
import type { RedrivePlanned } from '../state/redrive-state';
import { useAppStore } from '../state/store';
import { ConfirmWrite, type WriteConfirmation } from '../ui/ConfirmWrite';
import { ConnectionChoices } from '../ui/ConnectionChoices';
import { Field } from '../ui/Field';
import { count } from '../ui/format';
import { StreamCombobox } from '../ui/picker/StreamCombobox';
import { Readouts } from '../ui/Readouts';
import { ErrorState } from '../ui/States';
import { stopMessage } from '../ui/stop-message';
import { planFacts } from './RedriveDialog';

/** The put-back's plan as the confirmation shows it: main's copy estimate names where it writes. */
function confirmationOf(state: QueryState<RedrivePlanned>): QueryState<WriteConfirmation> {
  if (state.status !== 'ok') return state;
  if (state.data.action !== 'send') return { status: 'loading' };
  const { plan, estimate } = state.data;
  return { status: 'ok', data: { target: estimate.target, stream: plan.spec.target, facts: planFacts(plan.plan) } };
}

/** Puts the notices' records back, into their stream or another, as a copy of exactly their ranges. */
export function SendBackForm({ stream }: { stream: string }) {
  const [target, setTarget] = useState(stream);
  const [profile, setProfile] = useState<string | null>(null);
  const profiles = useAppStore((s) => s.connectionList?.profiles);
  const loadProfiles = useAppStore((s) => s.loadConnectionList);
  const active = useAppStore((s) => s.connection?.label ?? '');
  const planned = useAppStore((s) => s.redrivePlan);
  const plan = useAppStore((s) => s.planSendBack);
  const drop = useAppStore((s) => s.dropRedrivePlan);
  const start = useAppStore((s) => s.startRedrive);
  const starting = useAppStore((s) => s.copyStarting);
  const session = useAppStore((s) => s.copySession);
  const startedHere = useAppStore((s) => s.redriveStarted?.sessionId);
  const progress = useAppStore((s) => s.copyProgress);
  const startError = useAppStore((s) => s.redriveStartError);
  const status = useAppStore((s) => (s.copySession ? s.sessionStatuses[s.copySession] : undefined));
  const stop = useAppStore((s) => s.stopCopy);
  useEffect(() => {
    if (!profiles) void loadProfiles();
  }, [profiles, loadProfiles]);

  const key = JSON.stringify([target, profile]);
  const current = planned?.key === key ? planned.state : null;
  const mine = session !== null && session === startedHere;
  const running = mine && status?.state !== 'stopped';
  const stopped = mine ? stopMessage('put-back', status) : null;
  return (
    <>
      <div className="form-grid">
        <div className="field">
          <StreamCombobox label="To stream" visibleLabel value={target} onChange={(name) => setTarget(name.trim())} />
        </div>
        <Field label="Write with connection">
          {(props) => (
            <select {...props} className="select" value={profile ?? ''} onChange={(e) => setProfile(e.target.value || null)}>
              <ConnectionChoices active={active} profiles={profiles} />
            </select>
          )}
        </Field>
      </div>
      <p className="muted">
        Each record of the notices’ ranges is written once, with its partition key, exactly as it was read (unmasked); a put-back stopped
        part way is resumed without writing twice.
      </p>
      {startError && !mine && <ErrorState title="The put-back did not start" message={startError.message} />}
      {startError?.conflict && !mine && (
        <div className="dialog__actions" role="group" aria-label="An unfinished put-back">
          <button type="button" className="button" disabled={starting} onClick={() => void start({ resume: true })}>
            Resume the unfinished put-back
          </button>
          <button type="button" className="button" disabled={starting} onClick={() => void start({ restart: true })}>
            Start over
          </button>
        </div>
      )}
      {stopped && <ErrorState title="The put-back stopped" message={stopped} />}
      {mine && progress && (
        <Readouts
          label="Put-back progress"
          items={[
            ['read', count(progress.read)],
            ['written', count(progress.written)],
            ['already in the target', count(progress.alreadyWritten)],
            ['sent again', count(progress.retried)],
            ['state', running ? 'writing' : status?.stoppedBy === 'completed' ? 'completed' : 'stopped'],
          ]}
        />
      )}
      {running ? (
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => void stop()}>
            Stop the put-back
          </button>
        </div>
      ) : (
        !mine &&
        target && (
          <ConfirmWrite
            plan={current && confirmationOf(current)}
            onReview={() => void plan({ stream: target, profile }, key)}
            onBack={() => void drop()}
            what="Send back the records"
            busy={starting}
            onConfirm={() => void start()}
          />
        )
      )}
    </>
  );
}
