import type { ReactNode } from 'react';
import type { PreviewRecord } from '../../../shared/contract';
import { useEscapeCloses } from '../shortcuts';
import { SplitPanes } from '../SplitPanes';
import { RecordInspector } from './RecordInspector';

/**
 * A page of records (the preview's, the search's matches) with the inspector as a resizable pane
 * beside it while a record is selected; Esc closes the inspector.
 */
export function RecordsWithInspector({
  id,
  records,
  selected,
  stream,
  onClose,
}: {
  /** Where this page's split is kept, e.g. "preview". */
  id: string;
  /** The page itself: its controls and the record table. */
  records: ReactNode;
  selected: PreviewRecord | undefined;
  stream: string;
  /** Kept stable by the caller (useCallback), as Esc's listener is bound to it. */
  onClose(): void;
}) {
  useEscapeCloses(selected ? onClose : null);
  return (
    <div className={selected ? 'browser browser--with-detail' : 'browser'}>
      <SplitPanes
        id={id}
        label="Resize the records and the record inspector"
        defaultFirst="62%"
        minFirst={420}
        minSecond={340}
        first={records}
        second={selected ? <RecordInspector key={selected.id} record={selected} stream={stream} onClose={onClose} /> : null}
      />
    </div>
  );
}
