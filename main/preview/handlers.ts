import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-kinesis';
import type { ConnectionManager } from '../connections/connection-manager';
import { decodeRecord } from '../decode/record';
import { AppError } from '../dispatch/app-error';
import type { Handlers } from '../dispatch/dispatcher';
import { toPreviewRecord } from './preview-record';
import type { PreviewSessions } from './preview-sessions';

type PreviewCalls = Pick<Handlers, 'preview:start' | 'preview:stop' | 'preview:pause' | 'preview:resume' | 'preview:record'>;

export function previewHandlers(sessions: PreviewSessions, connections: ConnectionManager): PreviewCalls {
  return {
    'preview:start': async ({ stream, position, shardIds }) => ({ sessionId: await sessions.open(stream, position, shardIds) }),
    'preview:stop': async ({ sessionId }) => ({ stopped: await sessions.stop(sessionId) }),
    'preview:pause': async ({ sessionId }) => {
      sessions.pause(sessionId);
      return { paused: true };
    },
    'preview:resume': async ({ sessionId }) => {
      sessions.resume(sessionId);
      return { resumed: true };
    },
    // The whole record, read again from Kinesis by its sequence number: previews carry at most 16 KiB.
    'preview:record': async ({ stream, shardId, sequenceNumber, subSequenceNumber }) => {
      const client = connections.client();
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: sequenceNumber }),
      );
      const { Records } = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 1 }));
      const record = Records?.[0];
      if (!record || record.SequenceNumber !== sequenceNumber) throw new AppError('not-found', 'That record is no longer in the stream (past its retention period).');
      const decoded = decodeRecord(shardId, record).find((r) => r.subSequenceNumber === subSequenceNumber);
      if (!decoded) throw new AppError('not-found', 'That user record is not in the aggregate.');
      return toPreviewRecord(decoded, Number.POSITIVE_INFINITY);
    },
  };
}
