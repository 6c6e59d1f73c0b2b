import { randomUUID } from 'node:crypto';
import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-kinesis';
import type { ConnectionManager } from '../connections/connection-manager';
import { decodeRecord } from '../decode/record';
import { AppError } from '../dispatch/app-error';
import type { Handlers } from '../dispatch/dispatcher';
import type { ReaderSource } from '../reader/reader-source';
import type { SessionRegistry } from '../sessions/session-registry';
import { toPreviewRecord } from './preview-record';
import { PreviewSession } from './preview-session';

type PreviewCalls = Pick<Handlers, 'preview:start' | 'preview:stop' | 'preview:pause' | 'preview:resume' | 'preview:record'>;

export function previewHandlers(sessions: SessionRegistry, connections: ConnectionManager, reading: ReaderSource): PreviewCalls {
  return {
    'preview:start': async ({ stream, position, shardIds }, owner) => {
      const session = await sessions.start(new PreviewSession(randomUUID(), owner, { ...reading(stream), stream, position, shardIds }));
      return { sessionId: session.id };
    },
    'preview:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'preview') }),
    'preview:pause': async ({ sessionId }, owner) => {
      sessions.get(sessionId, owner, 'preview').pause();
      return { paused: true };
    },
    'preview:resume': async ({ sessionId }, owner) => {
      sessions.get(sessionId, owner, 'preview').resume();
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
