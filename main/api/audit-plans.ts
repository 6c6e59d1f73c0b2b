import type { z } from 'zod';
import { describeRule, type AuditOutcome, type CallOutput, type calls } from '../../shared/contract';

/** Every call of the contract that changes something outside Shardscope's own views: each writes one audit entry. */
export const auditedCalls = [
  'writes:put',
  'writes:send',
  'writes:produce',
  'copies:start',
  'admin:apply',
  'consumers:move',
  'connections:save',
  'connections:remove',
  'masking:add',
  'masking:remove',
  'masking:import',
  'masking:setUnmasked',
  'views:save',
  'views:remove',
  'views:import',
  'redrive:settleQueue',
] as const;
export type AuditedCall = (typeof auditedCalls)[number];

type Input<C extends AuditedCall> = z.output<(typeof calls)[C]['input']>;

/** What the change was asked to do: names, positions and counts built field by field, never the data written. */
export interface AuditedWhat {
  stream: string | null;
  summary: string;
  plan: Record<string, unknown>;
  token: string | null;
}

interface AuditedDescription<C extends AuditedCall> {
  what(input: Input<C>): AuditedWhat;
  /** The outcome of a call that finished its change before it answered; a session's is its own. */
  outcome?(output: CallOutput<C>, input: Input<C>): AuditOutcome;
}

const succeeded = (summary: string, counts?: Record<string, number>): AuditOutcome => ({
  status: 'succeeded',
  summary,
  ...(counts ? { counts } : {}),
});

/** The origin of a registry URL only: a path or query could carry a key some registries take there. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(not a URL)';
  }
}

export const auditDescriptions: { [C in AuditedCall]: AuditedDescription<C> } = {
  'writes:put': {
    what: ({ stream, encoding, data, explicitHashKey, schema, token }) => ({
      stream,
      summary: `put 1 record into ${stream}`,
      plan: {
        records: 1,
        encoding,
        dataBytes: Buffer.byteLength(data),
        explicitHashKey: explicitHashKey !== null,
        schema: schema?.source.kind ?? null,
      },
      token,
    }),
    outcome: (output) =>
      succeeded(`put 1 record into ${output.stream} (${output.shardId})`, { records: 1, written: 1, bytes: output.bytes }),
  },
  'writes:send': {
    what: ({ source, target, records, keys, token }) => ({
      stream: target,
      summary: `send ${records.length} records from ${source} to ${target}`,
      plan: { source, target, records: records.length, keys: keys.type },
      token,
    }),
    outcome: (output, input) => {
      const asked = input.records.length;
      const counts = { records: asked, written: output.written, retried: output.retried, missing: output.missing };
      const summary = `put ${output.written} of ${asked}${output.missing ? ` (${output.missing} no longer in ${input.source})` : ''}`;
      return output.written === asked ? succeeded(summary, counts) : { status: 'partial', summary, counts };
    },
  },
  'writes:produce': {
    what: ({ spec, token }) => ({
      stream: spec.stream,
      summary: `produce the file ${spec.file} into ${spec.stream}`,
      plan: {
        stream: spec.stream,
        file: spec.file,
        format: spec.format,
        rate: spec.rate,
        aggregate: spec.aggregate,
        keyFrom: spec.keyFrom,
        rejectsFile: spec.rejectsFile,
        schema: spec.schema?.source.kind ?? null,
      },
      token,
    }),
  },
  'copies:start': {
    what: ({ spec, resume, restart, token }) => ({
      stream: spec.target,
      summary: `copy ${spec.source} into ${spec.target}${spec.targetProfile ? ` on ${spec.targetProfile}` : ''}`,
      plan: {
        source: spec.source,
        target: spec.target,
        targetProfile: spec.targetProfile,
        from: spec.from,
        until: spec.until,
        keys: spec.keys.type,
        rate: spec.rate,
        // The expression names fields, never their values.
        map: spec.map ?? null,
        resume,
        restart,
      },
      token,
    }),
  },
  'admin:apply': {
    what: ({ change, token }) => ({ stream: change.stream, summary: `${change.type} ${change.stream}`, plan: { ...change }, token }),
    outcome: (output) => succeeded(output.steps.join('; ') || 'applied'),
  },
  'consumers:move': {
    what: ({ stream, table, shardId, to, expected, token }) => ({
      stream,
      summary: `move the checkpoints of ${table} on ${stream}${shardId ? ` (${shardId})` : ''}`,
      plan: {
        table,
        stream,
        shardId,
        to,
        leases: expected.map(({ leaseKey, leaseCounter, to: where }) => ({ leaseKey, leaseCounter, to: where })),
      },
      token,
    }),
    outcome: (output, input) => {
      const counts = { leases: input.expected.length, moved: output.moved };
      const summary = `moved ${output.moved} of ${input.expected.length} checkpoints`;
      return output.moved === input.expected.length ? succeeded(summary, counts) : { status: 'partial', summary, counts };
    },
  },
  'connections:save': {
    what: ({ profile, originalName, secret, registrySecret }) => ({
      stream: null,
      summary:
        originalName !== undefined && originalName !== profile.name
          ? `save the connection ${originalName} as ${profile.name}`
          : `save the connection ${profile.name}`,
      plan: {
        profile: profile.name,
        originalName: originalName ?? null,
        region: profile.region,
        endpoint: profile.endpoint ?? null,
        source: profile.source.type,
        ...(profile.source.type === 'aws-profile' ? { awsProfile: profile.source.awsProfile } : {}),
        readOnly: profile.readOnly ?? false,
        schemaRegistry: profile.schemaRegistry ? originOf(profile.schemaRegistry.url) : null,
        // Whether a secret was set, never the secret.
        secret: secret === undefined ? 'unchanged' : 'set',
        registrySecret: registrySecret === undefined ? 'unchanged' : 'set',
      },
      token: null,
    }),
    outcome: (output) => succeeded(`saved ${output.name}`),
  },
  'connections:remove': {
    what: ({ name }) => ({
      stream: null,
      summary: `remove the connection ${name} and its keychain entries`,
      plan: { profile: name },
      token: null,
    }),
    outcome: () => succeeded('removed'),
  },
  // Rules name fields and patterns, never values: they are safe to log whole.
  'masking:add': {
    what: ({ rule }) => ({
      stream: rule.stream ?? null,
      summary: `add the masking rule ${describeRule(rule)}`,
      plan: { rule },
      token: null,
    }),
    outcome: (output) => succeeded(`${output.rules.length} masking rules`, { rules: output.rules.length }),
  },
  'masking:remove': {
    what: ({ id }) => ({ stream: null, summary: `remove the masking rule ${id}`, plan: { id }, token: null }),
    outcome: (output) => succeeded(`${output.rules.length} masking rules`, { rules: output.rules.length }),
  },
  'masking:import': {
    what: ({ rules, replace }) => ({
      stream: null,
      summary: `${replace ? 'replace the masking rules with' : 'import'} ${rules.length} masking rules`,
      plan: { rules: rules.map(describeRule), replace },
      token: null,
    }),
    outcome: (output) => succeeded(`${output.rules.length} masking rules`, { rules: output.rules.length }),
  },
  'masking:setUnmasked': {
    what: ({ unmasked }) => ({
      stream: null,
      summary: unmasked ? 'switch the unmasked view on: values are shown in the clear' : 'switch the unmasked view off',
      plan: { unmasked },
      token: null,
    }),
    outcome: (output) => succeeded(output.unmasked ? 'unmasked view on' : 'unmasked view off'),
  },
  // A view holds a page's settings, never record content or a secret: its name and stream are safe to log.
  'views:save': {
    what: ({ view }) => ({
      stream: view.stream,
      summary: `save the ${view.page} view ${view.name}`,
      plan: { name: view.name, page: view.page },
      token: null,
    }),
    outcome: (output) => succeeded(`${output.views.length} views`, { views: output.views.length }),
  },
  'views:remove': {
    what: ({ name }) => ({ stream: null, summary: `remove the view ${name}`, plan: { name }, token: null }),
    outcome: (output) => succeeded(`${output.views.length} views`, { views: output.views.length }),
  },
  'views:import': {
    what: ({ file }) => ({
      stream: null,
      summary: `import ${file.views.length} views`,
      plan: { names: file.views.map((view) => view.name) },
      token: null,
    }),
    outcome: (output) => succeeded(`${output.views.length} views`, { views: output.views.length }),
  },
  // Deleting a failure notice loses the only record of a failed batch: each settle says what it took.
  'redrive:settleQueue': {
    what: ({ hold, done }) => ({
      stream: null,
      summary: done ? 'delete the handled failure notices from their queue' : 'hand the failure notices back to their queue',
      plan: { hold, done },
      token: null,
    }),
    outcome: (output, input) => {
      const counts = { deleted: output.deleted, handedBack: output.handedBack };
      const summary = `${output.deleted} deleted from ${output.queueUrl}, ${output.handedBack} handed back${output.refused ? ` (${output.refused})` : ''}`;
      // Asked to delete and refused (a read-only connection): the messages are all still there.
      return input.done && output.refused ? { status: 'partial', summary, counts } : succeeded(summary, counts);
    },
  },
};
