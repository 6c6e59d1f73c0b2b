import type { AuditListEntry } from '../state/audit-state';

/** The audited calls (main/api/audit-plans.ts) and domain actions, in words. */
const actionWords: Record<string, string> = {
  'writes:put': 'Put a record',
  'writes:send': 'Send records',
  'writes:produce': 'Produce a file',
  'copies:start': 'Copy a stream',
  'admin:apply': 'Change a stream',
  'consumers:move': 'Move checkpoints',
  'connections:save': 'Save a connection',
  'connections:remove': 'Remove a connection',
  'masking:add': 'Add a masking rule',
  'masking:remove': 'Remove a masking rule',
  'masking:import': 'Import masking rules',
  'masking:setUnmasked': 'Switch the unmasked view',
};

/** An action the app does not know yet (written by a newer version) is shown as it was recorded. */
export const actionInWords = (action: string) => actionWords[action] ?? action;

export const outcomeWords = { succeeded: 'Succeeded', partial: 'Partial', failed: 'Failed' } as const;

/** The outcome in one line: a failure names its error, which is what the reader came for. */
export function outcomeLine(outcome: AuditListEntry['outcome']): string {
  const error = outcome.error ? `${outcome.error.class ?? outcome.error.code}: ${outcome.error.message}` : null;
  return [outcomeWords[outcome.status], outcome.summary, error].filter(Boolean).join(' · ');
}

/** Who made the change: the OS user, on which connection. */
export function whoLine(who: AuditListEntry['who']): string {
  return `${who.osUser} · ${who.connection?.name ?? 'no connection'}`;
}

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export const localTime = (iso: string) => time.format(new Date(iso));
