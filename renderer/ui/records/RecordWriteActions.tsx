import { recordText, type PreviewRecord } from '../../../shared/contract';
import { useAppStore } from '../../state/store';
import { bytesOf } from './hex';
import type { PutDraft } from '../../state/writes-state';

/** The record as the editor takes it: JSON pretty, text as it is, anything else as base64 of its bytes. */
export function draftOf(record: PreviewRecord): PutDraft {
  if (record.encoding === 'json' && record.json !== undefined)
    return { data: JSON.stringify(record.json, null, 2), encoding: 'json', partitionKey: record.partitionKey };
  if (record.encoding === 'text') return { data: recordText(record), encoding: 'text', partitionKey: record.partitionKey };
  return { data: btoa(String.fromCharCode(...bytesOf(record))), encoding: 'base64', partitionKey: record.partitionKey };
}

/** Put again (the stored bytes, read back by main), edit and put, or send to another stream. */
export function RecordWriteActions({ record, stream, complete }: { record: PreviewRecord; stream: string; complete: boolean }) {
  const open = useAppStore((s) => s.openWriteDialog);
  const ref = { shardId: record.shardId, sequenceNumber: record.sequenceNumber, subSequenceNumber: record.subSequenceNumber };
  return (
    <div className="toolbar" role="group" aria-label="Write this record">
      <button
        type="button"
        className="button button--small"
        onClick={() => open({ kind: 'send', source: stream, records: [ref], target: stream })}
      >
        Put again
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={() => open({ kind: 'put', stream, draft: draftOf(record) })}
        disabled={!complete || record.masked === true}
        title={
          record.masked
            ? 'A masked record cannot be edited: its masked values would be written as data.'
            : complete
              ? undefined
              : 'Load the full record first: this preview is cut at 16 KiB.'
        }
      >
        Edit and put
      </button>
      <button type="button" className="button button--small" onClick={() => open({ kind: 'send', source: stream, records: [ref] })}>
        Send to…
      </button>
    </div>
  );
}
