import { useAppStore } from '../state/store';
import { CopyDialog } from './CopyDialog';
import { PutRecordDialog } from './PutRecordDialog';
import { SendRecordsDialog } from './SendRecordsDialog';

/** The write dialog that is open, over whatever page asked for it. */
export function WriteDialogs() {
  const dialog = useAppStore((s) => s.writeDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'put':
      return <PutRecordDialog key={JSON.stringify(dialog)} stream={dialog.stream} draft={dialog.draft} />;
    case 'send':
      return <SendRecordsDialog source={dialog.source} records={dialog.records} initialTarget={dialog.target} />;
    case 'copy':
      return <CopyDialog source={dialog.source} />;
  }
}
