import { randomUUID } from 'node:crypto';
import type { HostKind, ProducePlan, ProduceSpec } from '../../shared/contract';
import { AppError } from '../core/app-error';
import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { SessionRegistry } from '../core/sessions/session-registry';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import { createClientFor } from '../domain/connections/target';
import { connectionIdentity, type PlanScope, type PlanTokens } from '../domain/plans/plan-tokens';
import { fileVersion } from '../domain/writes/produce-source';
import { ProduceSession } from '../domain/writes/produce-session';
import { assertWritable } from '../domain/writes/write-guard';
import { writeTargetOf } from '../domain/writes/write-target';
import { checkEncodable } from '../domain/writes/produce-check';
import type { WriteSchemas } from '../domain/connections/write-schemas';

type ProduceCalls = Pick<Handlers, 'writes:planProduce' | 'writes:produce' | 'writes:stopProduce'>;

/**
 * A file written to a stream is one confirmed change: the plan names where it lands and binds
 * its token to the spec and to the file as it is (size and time written), so the whole file, at
 * its rate, is written on one confirmation and a file changed since is refused.
 */
export function produceHandlers(
  connections: ConnectionManager,
  sessions: SessionRegistry,
  tokens: PlanTokens,
  host: HostKind,
  encoders: WriteSchemas,
): ProduceCalls {
  // main reads the file named in the call: a window or a browser tab, which may show content from
  // strangers, must not be able to make it send one of this machine's files into a stream.
  const refuseWindows = () => {
    if (host === 'browser' || host === 'electron')
      throw new AppError('unavailable', 'Only the command line writes a file of records: a window cannot read files on this machine.');
  };
  const scopeOf = (owner: SessionOwner, stream: string): PlanScope => ({
    kind: 'produce',
    owner: owner.id,
    connection: connectionIdentity(connections.active(owner)),
    stream,
  });
  const encoderOf = (owner: SessionOwner, spec: ProduceSpec) => (spec.schema ? encoders(owner, spec.stream, spec.schema) : undefined);
  // The token binds the schema version resolved at the plan: one registered since is not what was confirmed.
  const contentOf = async (spec: ProduceSpec, schema: ProducePlan['schema']) => ({ spec, schema, file: await fileVersion(spec.file) });
  return {
    'writes:planProduce': async (spec, owner) => {
      refuseWindows();
      const active = connections.active(owner);
      // The refusal of a read-only connection is the plan's, so no host asks to confirm a write it cannot make.
      assertWritable(active, 'PutRecords', spec.stream);
      const encoder = await encoderOf(owner, spec);
      const content = await contentOf(spec, encoder?.ref ?? null);
      // Every line is encoded before the plan is shown: a file that cannot be written whole is refused before it is confirmed.
      const lines = encoder ? await checkEncodable(spec, encoder) : null;
      const target = await writeTargetOf(active, connections.target(owner), connections.client(owner), spec.stream);
      return {
        token: tokens.issue(scopeOf(owner, spec.stream), content),
        stream: spec.stream,
        target,
        fileBytes: content.file.bytes,
        schema: content.schema,
        lines,
      };
    },
    'writes:produce': async ({ spec, token }, owner) => {
      refuseWindows();
      const active = connections.active(owner);
      assertWritable(active, 'PutRecords', spec.stream);
      const encoder = await encoderOf(owner, spec);
      tokens.redeem(token, scopeOf(owner, spec.stream), await contentOf(spec, encoder?.ref ?? null));
      // One attempt per call: the writer retries exactly the refused records itself, and an SDK retry behind it would resend all.
      const client = createClientFor(connections.target(owner), { maxAttempts: 1 });
      const session = new ProduceSession(randomUUID(), owner, { spec: { ...spec, encoder }, client, profile: active.profile });
      await sessions.start(session);
      return { sessionId: session.id };
    },
    'writes:stopProduce': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'produce') }),
  };
}
