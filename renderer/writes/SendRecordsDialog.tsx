import { useState } from 'react';
import type { CopyKeys } from '../../shared/contract';
import { useAppStore } from '../state/store';
import { Dialog } from '../ui/Dialog';
import { ErrorState } from '../ui/States';
import { ConfirmWrite } from '../ui/ConfirmWrite';
import { KeysField } from './KeysField';
import { StreamPicker } from './StreamPicker';
import { usePlannedWrite } from './usePlannedWrite';
import type { RecordRef } from '../state/writes-state';

/** Records picked in the preview, written again byte for byte (main reads each back by its sequence number). */
export function SendRecordsDialog({ source, records, initialTarget }: { source: string; records: RecordRef[]; initialTarget?: string }) {
  const [target, setTarget] = useState(initialTarget ?? '');
  const [keys, setKeys] = useState<CopyKeys>({ type: 'keep' });
  const input = { source, target, records, keys };
  const planned = usePlannedWrite(input);
  const result = useAppStore((s) => s.sendResult);
  const planSend = useAppStore((s) => s.planSend);
  const send = useAppStore((s) => s.sendRecords);
  const dropPlan = useAppStore((s) => s.dropWritePlan);
  const close = useAppStore((s) => s.closeWriteDialog);
  const what = `Send ${records.length} record${records.length === 1 ? '' : 's'} from ${source}`;
  return (
    <Dialog title={what} onClose={close}>
      <div className="form-grid">
        <StreamPicker label="To stream" value={target} onChange={setTarget} />
        <KeysField value={keys} onChange={setKeys} />
      </div>
      {result?.status === 'ok' ? (
        <p className="notice-box" role="status">
          {result.data.written} written to {target}
          {result.data.retried ? `, ${result.data.retried} sent again after Kinesis refused them` : ''}
          {result.data.missing ? `; ${result.data.missing} no longer in ${source} (past its retention)` : ''}.
        </p>
      ) : (
        <>
          {result?.status === 'error' && <ErrorState title="Not sent" message={result.error.message} />}
          {target && (
            <ConfirmWrite
              plan={planned.confirmation}
              onReview={() => void planSend(input)}
              onBack={dropPlan}
              what={what}
              busy={result?.status === 'loading'}
              onConfirm={() => planned.token && void send(input, planned.token)}
            />
          )}
        </>
      )}
    </Dialog>
  );
}
