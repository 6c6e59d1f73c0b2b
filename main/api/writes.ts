import { randomUUID } from 'node:crypto';
import type { CopySpec, HostKind, WriteEncoding, WritePlan } from '../../shared/contract';
import type { Handlers } from '../core/dispatcher';
import type { SessionOwner } from '../core/sessions/session-owner';
import type { SessionRegistry } from '../core/sessions/session-registry';
import type { Masking } from '../domain/connections/masking-source';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import { createClientFor, describeTarget, readBudgetOf, type ConnectionTarget } from '../domain/connections/target';
import { incomingRecordsBetween } from '../domain/metrics/cloudwatch';
import { connectionIdentity, type PlanKind, type PlanScope, type PlanTokens } from '../domain/plans/plan-tokens';
import { ReadBudgets } from '../domain/engine/reader/read-budget';
import type { ReaderSource } from '../domain/connections/reader-source';
import { defaultCopyFolder } from '../domain/writes/copy/copy-manifest';
import { estimateCopy } from '../domain/writes/copy/copy-estimate';
import { refuseEndlessSelfCopy } from '../domain/writes/copy/copy-rules';
import { CopySession, type CopyEnds } from '../domain/writes/copy/copy-session';
import { checkedRecord, putRecord } from '../domain/writes/put-record';
import { sendRecords } from '../domain/writes/send-records';
import { assertWritable } from '../domain/writes/write-guard';
import { writeTargetOf } from '../domain/writes/write-target';
import type { WriteSchemas } from '../domain/connections/write-schemas';
import type { SchemaEncoder } from '../domain/engine/decode/schema/schema-encoder';
import { AppError } from '../core/app-error';
import { payloadLoader } from './redrive-notices';

/**
 * A window or a browser tab may show content from strangers: it must not make main read one of
 * this machine's files or fetch from any URL it names. It writes with the connection's own
 * registries (Glue, or its Confluent-compatible one, named by no URL) or the stream's bound file.
 */
export function refuseWindowSchemaSources(host: HostKind, encoding: WriteEncoding | undefined): void {
  if (!encoding || (host !== 'browser' && host !== 'electron')) return;
  if (encoding.source.kind === 'file' || (encoding.source.kind === 'confluent' && encoding.source.url !== undefined))
    throw new AppError(
      'unavailable',
      "A window writes with the connection's own schema registries or the stream's bound schema file; a schema file or registry URL of its own is for the command line.",
    );
}

type WriteCalls = Pick<
  Handlers,
  'writes:planPut' | 'writes:put' | 'writes:planSend' | 'writes:send' | 'copies:estimate' | 'copies:start' | 'copies:stop'
>;

/** The connection a copy writes with, refused here already if it is read-only. */
async function copyTarget(connections: ConnectionManager, spec: CopySpec, owner: SessionOwner): Promise<CopyEnds & { label: string }> {
  const target = await connections.targetNamed(spec.targetProfile, owner);
  const described = describeTarget(target);
  assertWritable(described, 'PutRecords', spec.target);
  // Its own budget, for the look at the target a resumed copy may take. One attempt per call: the
  // writer retries exactly the refused records itself, and an SDK retry behind it would resend all.
  const budgets = new ReadBudgets(() => readBudgetOf(target));
  return {
    client: createClientFor(target, { maxAttempts: 1 }),
    budget: budgets.forStream(described.label, spec.target),
    label: described.label,
    profile: described.profile,
  };
}

/**
 * Copies write the source's bytes as they are (decision 0052): a masked copy would be a different
 * stream, not a copy. The plan says so whenever rules would mask what is read from the source.
 */
async function copyMaskingNote(masking: Masking | undefined, owner: SessionOwner, source: string): Promise<string | null> {
  const { applied } = (await masking?.rules(owner, source, undefined, 'run')) ?? { applied: [] };
  if (applied.length === 0) return null;
  return `Masking: ${applied.length === 1 ? '1 rule masks' : `${applied.length} rules mask`} ${source} where it is shown, but a copy writes the records as they are, unmasked.`;
}

export function writeHandlers(
  connections: ConnectionManager,
  sessions: SessionRegistry,
  reading: ReaderSource,
  dataDir: string,
  tokens: PlanTokens,
  schemas: { encoders: WriteSchemas; host: HostKind; masking?: Masking },
): WriteCalls {
  /** The put's encoder, when it encodes with a schema: resolved again at the put, so a moved "latest" no longer matches its plan. */
  const encoderFor = async (
    owner: SessionOwner,
    stream: string,
    encoding: WriteEncoding | undefined,
  ): Promise<SchemaEncoder | undefined> => {
    refuseWindowSchemaSources(schemas.host, encoding);
    return encoding ? schemas.encoders(owner, stream, encoding) : undefined;
  };
  const scopeOf = (owner: SessionOwner, kind: PlanKind, stream: string): PlanScope => ({
    kind,
    owner: owner.id,
    connection: connectionIdentity(connections.active(owner)),
    stream,
  });
  /** A copy writes with its target's connection, which may not be the caller's: the plan is bound to that one. */
  const copyScope = (owner: SessionOwner, spec: CopySpec, target: ConnectionTarget): PlanScope => ({
    kind: 'copy',
    owner: owner.id,
    connection: connectionIdentity(describeTarget(target)),
    stream: spec.target,
  });
  const sameConnection = (owner: SessionOwner, target: ReturnType<typeof describeTarget>): boolean =>
    connectionIdentity(connections.active(owner)) === connectionIdentity(target);
  /**
   * Where the confirmation says the records land, what they are, and the token that pays for
   * exactly these records. A read-only connection refuses here, so the refusal is the plan's.
   */
  const planWrite = async (
    owner: SessionOwner,
    kind: PlanKind,
    stream: string,
    content: unknown,
    written: Pick<WritePlan, 'records' | 'bytes'> & { schema?: WritePlan['schema'] },
  ): Promise<WritePlan> => {
    const active = connections.active(owner);
    assertWritable(active, kind === 'put-record' ? 'PutRecord' : 'PutRecords', stream);
    const target = await writeTargetOf(active, connections.target(owner), connections.client(owner), stream);
    return { token: tokens.issue(scopeOf(owner, kind, stream), content), stream, target, schema: null, ...written };
  };
  return {
    'writes:planPut': async (input, owner) => {
      const encoder = await encoderFor(owner, input.stream, input.schema);
      // A record Kinesis would refuse, or one its schema cannot take, is said at once, not after it was confirmed.
      const { data } = checkedRecord(input, encoder);
      const schema = encoder?.ref ?? null;
      return planWrite(owner, 'put-record', input.stream, { input, schema }, { records: 1, bytes: data.length, schema });
    },
    'writes:put': async ({ token, ...input }, owner) => {
      assertWritable(connections.active(owner), 'PutRecord', input.stream);
      const encoder = await encoderFor(owner, input.stream, input.schema);
      // The token binds the schema version resolved at the plan: one registered since is not what was confirmed.
      tokens.redeem(token, scopeOf(owner, 'put-record', input.stream), { input, schema: encoder?.ref ?? null });
      return putRecord(connections.client(owner), input, encoder);
    },
    'writes:planSend': (input, owner) =>
      planWrite(owner, 'send-records', input.target, input, { records: input.records.length, bytes: null }),
    'writes:send': async ({ token, ...input }, owner) => {
      assertWritable(connections.active(owner), 'PutRecords', input.target);
      tokens.redeem(token, scopeOf(owner, 'send-records', input.target), input);
      const source = reading(owner, input.source);
      const target = createClientFor(connections.target(owner), { maxAttempts: 1 });
      try {
        return await sendRecords({ source, target, input });
      } finally {
        source.client.destroy();
        target.destroy();
      }
    },
    'copies:estimate': async ({ spec, restart }, owner) => {
      const target = await connections.targetNamed(spec.targetProfile, owner);
      const described = describeTarget(target);
      refuseEndlessSelfCopy(spec, sameConnection(owner, described));
      // The copy's plan: a read-only target refuses here, before anything is estimated.
      assertWritable(described, 'PutRecords', spec.target);
      const client = createClientFor(target);
      try {
        const [estimate, where] = await Promise.all([
          estimateCopy(client, spec, (start, end) => incomingRecordsBetween(connections.target(owner), spec.source, start, end)),
          writeTargetOf(described, target, client, spec.target),
        ]);
        const note = await copyMaskingNote(schemas.masking, owner, spec.source);
        return {
          ...estimate,
          note: note ? `${estimate.note} ${note}` : estimate.note,
          target: where,
          token: tokens.issue(copyScope(owner, spec, target), { spec, restart }),
        };
      } finally {
        client.destroy();
      }
    },
    'copies:start': async ({ spec, resume, restart, token }, owner) => {
      const planned = await connections.targetNamed(spec.targetProfile, owner);
      refuseEndlessSelfCopy(spec, sameConnection(owner, describeTarget(planned)));
      // Spent before the target's client is made, so a refusal leaves nothing open.
      tokens.redeem(token, copyScope(owner, spec, planned), { spec, restart });
      const target = await copyTarget(connections, spec, owner);
      const folder = defaultCopyFolder(dataDir, spec);
      const source = reading(owner, spec.source);
      const payloads = payloadLoader(connections, owner);
      const session = new CopySession(randomUUID(), owner, { source, target, spec, folder, resume, restart, payloads });
      await sessions.start(session);
      return { sessionId: session.id, folder };
    },
    'copies:stop': async ({ sessionId }, owner) => ({ stopped: await sessions.stop(sessionId, owner, 'copy') }),
  };
}
