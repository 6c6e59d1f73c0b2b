import { useEffect, useState } from 'react';
import { useAppStore } from '../state/store';
import { Dialog } from '../ui/Dialog';
import { ErrorState, LoadingState } from '../ui/States';
import { ConfirmPlannedWrite } from '../ui/ConfirmWrite';
import { describeWriteTarget } from '../../shared/write-target';
import { ChangeFields } from './ChangeFields';
import { PlanView } from './PlanView';
import { useChangeForm } from './useChangeForm';
import type { ChangeDialogState, ChangeKind } from '../state/admin-state';
import { TextField } from '../ui/TextField';

const titles: Record<ChangeKind, string> = {
  create: 'Create a stream',
  delete: 'Delete',
  reshard: 'Change the shard count of',
  split: 'Split a shard of',
  merge: 'Merge shards of',
  retention: 'Change the retention of',
  mode: 'Change the capacity mode of',
  encryption: 'Change the encryption of',
  monitoring: 'Change the monitoring of',
  tags: 'Change the tags of',
  consumer: 'Enhanced fan-out consumers of',
};

/** What a change that succeeded did, and where, said as a success. */
function appliedText(kind: ChangeKind, stream: string, where: string): string {
  if (kind === 'create') return `Created ${stream}${where}; it is ACTIVE.`;
  if (kind === 'delete') return `Deleted ${stream}${where}.`;
  return `Applied to ${stream}${where}; it is ACTIVE again.`;
}

/** One change: its fields, the plan as it is typed, the confirmation, then the stream followed until ACTIVE. */
export function ChangeDialog({ dialog }: { dialog: ChangeDialogState }) {
  const form = useChangeForm(dialog);
  const built = form.build();
  const plan = useAppStore((s) => s.changePlan);
  const planFor = useAppStore((s) => s.changePlanFor);
  const result = useAppStore((s) => s.changeResult);
  const planChange = useAppStore((s) => s.planStreamChange);
  const apply = useAppStore((s) => s.applyStreamChange);
  const close = useAppStore((s) => s.closeChange);
  const stream = 'change' in built ? built.change.stream : dialog.stream;
  const connection = useAppStore((s) => s.connection);
  const liveStatus = useAppStore((s) => s.changeStreamStatus);
  const [typedName, setTypedName] = useState('');
  const key = 'change' in built ? JSON.stringify(built.change) : null;

  useEffect(() => {
    if (!key) return;
    const timer = setTimeout(() => void planChange(JSON.parse(key)), 250);
    return () => clearTimeout(timer);
  }, [key, planChange]);

  const title = dialog.kind === 'create' ? titles.create : `${titles[dialog.kind]} ${dialog.stream}`;
  // Only the plan of the change as it stands now may be confirmed, not one for fields since edited.
  const ready = 'change' in built && planFor === key && plan?.status === 'ok' && plan.data.blockers.length === 0;
  // Where the change lands, as main planned it (a stream not made yet has no ARN: main names the account it will be in).
  const planned = plan?.status === 'ok' ? plan.data.target : null;
  const confirmation = planned ? { target: planned, stream, facts: [] } : null;
  return (
    <Dialog title={title} onClose={close}>
      <div className="form-grid">
        <ChangeFields kind={dialog.kind} stream={dialog.stream} f={form.fields} />
      </div>
      {'missing' in built && <p className="muted">{built.missing}</p>}
      {plan?.status === 'loading' && <LoadingState label="Working out the change" />}
      {plan?.status === 'error' && <ErrorState title="This change cannot be made" message={plan.error.message} />}
      {plan?.status === 'ok' && <PlanView plan={plan.data} />}
      {result?.status === 'ok' ? (
        <section className="success-box" role="status" aria-label="Change applied">
          <p>
            <span className="success-box__mark" aria-hidden="true">
              ✓
            </span>{' '}
            {appliedText(dialog.kind, stream, planned ? ` in ${describeWriteTarget(planned)}` : '')}
          </p>
          <ul className="plain-list">
            {result.data.steps.map((step, i) => (
              <li key={`${i}-${step}`}>{step}</li>
            ))}
          </ul>
        </section>
      ) : (
        <>
          {result?.status === 'loading' && (
            <LoadingState label={`Applying, and following ${stream} until it is ACTIVE${liveStatus ? ` (now ${liveStatus})` : ''}`} />
          )}
          {result?.status === 'error' && <ErrorState title="The change failed" message={result.error.message} />}
          {ready && confirmation && dialog.kind === 'delete' && (
            <TextField label={`Type ${stream} to delete it`} mono value={typedName} onChange={setTypedName} autoComplete="off" />
          )}
          {ready && confirmation && result?.status !== 'loading' && (dialog.kind !== 'delete' || typedName === stream) && (
            <ConfirmPlannedWrite
              confirmation={confirmation}
              readOnly={connection?.readOnly ?? false}
              what={plan.data.summary.replace(/\.$/, '')}
              verb={dialog.kind === 'delete' ? `Delete ${stream}` : `Apply to ${stream}`}
              busy={false}
              onConfirm={() => void apply(built.change)}
            />
          )}
        </>
      )}
    </Dialog>
  );
}
