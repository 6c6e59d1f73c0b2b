import { useEffect, useState } from 'react';
import { useAppStore } from '../state/store';
import { CopyButton } from '../ui/CopyButton';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { ErrorState, LoadingState } from '../ui/States';
import { ConfirmPlannedWrite } from '../ui/ConfirmWrite';
import { checkpointText } from './ApplicationCard';
import { useMoveForm, type MoveTo } from './useMoveForm';
import { TextField } from '../ui/TextField';

const targets: [MoveTo, string][] = [
  ['TRIM_HORIZON', 'The oldest record (TRIM_HORIZON)'],
  ['LATEST', 'Only new records (LATEST)'],
  ['AT_TIMESTAMP', 'A time: resume at the first record at or after it'],
  ['AFTER_SEQUENCE_NUMBER', 'After a sequence number (it counts as processed)'],
];

/**
 * Moving a stopped application's checkpoints: the fields, a preview of every lease's change (and
 * whether the table has been quiet long enough), then a confirmation naming connection, table and stream.
 */
export function MoveCheckpointDialog({ dialog }: { dialog: { stream: string; table: string; shardId: string | null } }) {
  const form = useMoveForm(dialog);
  const f = form.fields;
  const built = form.build();
  const plan = useAppStore((s) => s.movePlan);
  const planFor = useAppStore((s) => s.movePlanFor);
  const planMove = useAppStore((s) => s.planCheckpointMove);
  const checkQuiet = useAppStore((s) => s.checkLeaseQuiet);
  const move = useAppStore((s) => s.moveCheckpoints);
  const close = useAppStore((s) => s.closeMovePlan);
  const readOnly = useAppStore((s) => s.connection?.readOnly ?? false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const key = 'input' in built ? JSON.stringify(built.input) : null;

  // Planned once the fields stop changing.
  useEffect(() => {
    if (!key) return;
    const timer = setTimeout(() => void planMove(JSON.parse(key)), 300);
    return () => clearTimeout(timer);
  }, [key, planMove]);

  // While the table is watched for quiet, only its leases are read (every 3 s); once quiet, or
  // once a renewal is seen, the move is planned again to show why.
  const waiting = planFor === key && plan?.status === 'ok' && plan.data.waitingForQuiet;
  useEffect(() => {
    if (!waiting || !key) return;
    let stopped = false;
    const poll = async () => {
      const quiet = await checkQuiet(JSON.parse(key));
      if (stopped) return;
      if (quiet && !quiet.waitingForQuiet) void planMove(JSON.parse(key));
      else timer = setTimeout(poll, 3_000);
    };
    let timer = setTimeout(poll, 3_000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waiting, key, checkQuiet, planMove]);

  // Only the plan of the fields as they stand may be confirmed, and main refuses it if the leases changed since.
  const ready = key !== null && planFor === key && plan?.status === 'ok' && plan.data.blocker === null && plan.data.changes.length > 0;
  const count = plan?.status === 'ok' ? plan.data.changes.length : 0;
  const title = `Move checkpoints of ${dialog.table}${dialog.shardId ? ` on ${dialog.shardId}` : ''}`;
  return (
    <Dialog title={title} onClose={close}>
      <div className="form-grid">
        <Field label="Move to">
          {(p) => (
            <select {...p} className="select" value={f.to} onChange={(e) => f.setTo(e.target.value as MoveTo)}>
              {targets
                .filter(([value]) => value !== 'AFTER_SEQUENCE_NUMBER' || dialog.shardId)
                .map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {f.to === 'AT_TIMESTAMP' && (
          <TextField label="Time" hint="Your local time." value={f.time} onChange={f.setTime} type="datetime-local" />
        )}
        {f.to === 'AFTER_SEQUENCE_NUMBER' && (
          <TextField
            label="Sequence number"
            error={'missing' in built ? built.missing : undefined}
            mono
            value={f.sequenceNumber}
            onChange={f.setSequenceNumber}
          />
        )}
        <TextField
          label="No lease renewed for (seconds)"
          hint="The application counts as stopped only after this long without a renewal."
          value={f.quietSeconds}
          onChange={f.setQuietSeconds}
          inputMode="numeric"
        />
      </div>
      {'missing' in built && f.to !== 'AFTER_SEQUENCE_NUMBER' && <p className="muted">{built.missing}</p>}
      {plan?.status === 'loading' && <LoadingState label="Planning the move" />}
      {plan?.status === 'error' && <ErrorState title="The move cannot be planned" message={plan.error.message} />}
      {plan?.status === 'ok' && (
        <section aria-label="What will change">
          <div className="move-plan">
            <table className="table" aria-label="Checkpoint changes">
              <thead>
                <tr>
                  <th scope="col">Shard</th>
                  <th scope="col">Owner</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Resumes at</th>
                </tr>
              </thead>
              <tbody>
                {plan.data.changes.map((c) => (
                  <tr key={c.leaseKey}>
                    <td className="mono table__nowrap">{c.shardId}</td>
                    <td className="mono">{c.owner ?? '–'}</td>
                    <td className="mono">{checkpointText(c.from)}</td>
                    <td className="mono">{checkpointText(c.to)}</td>
                    <td className="mono">{c.resumesAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {plan.data.skipped.length > 0 && (
            <ul className="plain-list muted" aria-label="Left as they are">
              {plan.data.skipped.map((s) => (
                <li key={s.shardId}>
                  <span className="mono">{s.shardId}</span>: {s.reason}
                </li>
              ))}
            </ul>
          )}
          {plan.data.blocker && (
            <p className={plan.data.waitingForQuiet ? 'muted' : 'notice-box'} role={plan.data.waitingForQuiet ? 'status' : 'alert'}>
              {plan.data.blocker}
            </p>
          )}
          <details>
            <summary>Same change, AWS CLI</summary>
            <CopyButton text={plan.data.awsCli.join('\n')} label="Copy AWS CLI commands" />
            <code className="code-block">{plan.data.awsCli.join('\n')}</code>
          </details>
        </section>
      )}
      {outcome && (
        <p className="notice-box" role="alert">
          {outcome}
        </p>
      )}
      {ready && (
        <ConfirmPlannedWrite
          confirmation={{ target: plan.data.target, stream: dialog.stream, facts: [] }}
          readOnly={readOnly}
          what={`Move ${count} checkpoint${count === 1 ? '' : 's'} in lease table ${dialog.table} (a conditional update on each lease counter) for stream ${dialog.stream}`}
          verb={`Move ${count} checkpoint${count === 1 ? '' : 's'} in ${dialog.table}`}
          busy={busy}
          onConfirm={async () => {
            setBusy(true);
            const expected = plan.data.changes.map(({ leaseKey, leaseCounter, to }) => ({ leaseKey, leaseCounter, to }));
            const result = await move({ ...JSON.parse(key), expected, token: plan.data.token });
            setBusy(false);
            if ('error' in result) setOutcome(result.error);
          }}
        />
      )}
    </Dialog>
  );
}

/** The move dialog that is open, if any. */
export function MoveCheckpointDialogs() {
  const dialog = useAppStore((s) => s.moveDialog);
  return dialog ? <MoveCheckpointDialog key={JSON.stringify(dialog)} dialog={dialog} /> : null;
}
