import { randomUUID } from 'node:crypto';
import { decodeRecord } from '../domain/engine/decode/record';
import { AppError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import { readRecordAt } from '../domain/engine/reader/read-one';
import type { ReaderSource } from '../domain/connections/reader-source';
import type { SchemaSource } from '../domain/connections/schema-source';
import { withSchema } from '../domain/engine/decode/record';
import type { SessionRegistry } from '../core/sessions/session-registry';
import { toPreviewRecord } from '../domain/engine/decode/preview-record';
import { PreviewSession } from '../domain/preview/preview-session';
import type { Masking } from '../domain/connections/masking-source';

type PreviewCalls = Pick<Handlers, 'preview:start' | 'preview:stop' | 'preview:pause' | 'preview:resume' | 'preview:record'>;

export function previewHandlers(
  sessions: SessionRegistry,
  reading: ReaderSource,
  schemaSource: SchemaSource,
  masking: Masking,
): PreviewCalls {
  return {
    'preview:start': async ({ stream, schema, masking: file, ...input }, owner) => {
      const schemas = await schemaSource(owner, stream, schema);
      const { masker } = await masking.forRead(owner, stream, file, 'view');
      const session = await sessions.start(
        new PreviewSession(randomUUID(), owner, { ...reading(owner, stream), stream, schemas, masker, ...input }),
      );
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
    'preview:record': async ({ stream, shardId, sequenceNumber, subSequenceNumber }, owner) => {
      const { masker } = await masking.forRead(owner, stream, undefined, 'view');
      const { client, budget } = reading(owner, stream);
      const record = await readRecordAt(client, stream, shardId, sequenceNumber, budget(shardId)).finally(() => client.destroy());
      if (!record) throw new AppError('not-found', 'That record is no longer in the stream (past its retention period).');
      const plain = decodeRecord(shardId, record).find((r) => r.subSequenceNumber === subSequenceNumber);
      if (!plain) throw new AppError('not-found', 'That user record is not in the aggregate.');
      const outcome = (await schemaSource(owner, stream)).decode(plain.bytes);
      return toPreviewRecord(masker.mask(withSchema(plain, await outcome)), Number.POSITIVE_INFINITY);
    },
  };
}
