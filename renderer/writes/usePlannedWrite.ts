import type { CallInput, WritePlan } from '../../shared/contract';
import { countOf } from '../../shared/plural';
import type { QueryState } from '../api/query-state';
import { useAppStore } from '../state/store';
import type { WriteConfirmation } from '../ui/ConfirmWrite';
import { writePlanKey } from '../state/writes-state';

const bytes = new Intl.NumberFormat('en-US');

/** What a put or send writes, as its plan says it. */
function factsOf(plan: WritePlan): [string, string][] {
  return [
    ['Records', countOf(plan.records, 'record')],
    ...(plan.bytes === null ? [] : [['Data', `${bytes.format(plan.bytes)} bytes`] as [string, string]]),
    ...(plan.schema
      ? [
          [
            'Schema',
            `${plan.schema.name}${plan.schema.version === null ? '' : ` v${plan.schema.version}`} (${plan.schema.format}) from ${plan.schema.registry}`,
          ] as [string, string],
        ]
      : []),
  ];
}

/**
 * Main's plan for this put or send, if it was asked for exactly this input (null: not asked, or
 * asked for fields since edited), as the confirmation shows it, and the token the write needs.
 */
export function usePlannedWrite(input: CallInput<'writes:planPut'> | CallInput<'writes:planSend'>): {
  confirmation: QueryState<WriteConfirmation> | null;
  token: string | null;
} {
  const plan = useAppStore((s) => s.writePlan);
  if (!plan || plan.key !== writePlanKey(input)) return { confirmation: null, token: null };
  const { state } = plan;
  if (state.status !== 'ok') return { confirmation: state, token: null };
  return {
    confirmation: { status: 'ok', data: { target: state.data.target, stream: state.data.stream, facts: factsOf(state.data) } },
    token: state.data.token,
  };
}
