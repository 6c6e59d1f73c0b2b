import type { RedrivePlan } from '../../shared/contract';
import { countOf } from '../../shared/plural';
import type { RedriveAction } from '../state/redrive-state';
import { useAppStore } from '../state/store';
import { Dialog } from '../ui/Dialog';
import { ErrorState } from '../ui/States';
import { ExportForm } from './ExportForm';
import { SendBackForm } from './SendBackForm';

/** What a plan found, as each confirmation lists it beside where the records go. */
export function planFacts(plan: RedrivePlan): [string, string][] {
  return [
    ['Notices', countOf(plan.totals.notices, 'notice')],
    ['Ranges', countOf(plan.ranges.length, 'range')],
    ['Records', countOf(plan.totals.found, 'record')],
    ...(plan.totals.expired > 0 ? [['Expired, not there to take', countOf(plan.totals.expired, 'record')] as [string, string]] : []),
  ];
}

/** "Send back…" or "Export…" of the notices open: each planned by main, confirmed, then followed to its end. */
export function RedriveDialog({ action, stream }: { action: RedriveAction; stream: string }) {
  const close = useAppStore((s) => s.closeRedriveDialog);
  const error = useAppStore((s) => s.redriveError);
  const title = action === 'send' ? `Send back the records of ${stream}` : `Export the records of ${stream}`;
  return (
    <Dialog title={title} onClose={() => void close()}>
      {action === 'send' ? <SendBackForm stream={stream} /> : <ExportForm />}
      {error && <ErrorState title="The failure queue" message={error} />}
    </Dialog>
  );
}
