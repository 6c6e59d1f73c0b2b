import { useState } from 'react';
import { useAppStore } from '../state/store';
import { actionInWords } from './audit-words';

/** An ISO time as <input type="datetime-local"> shows it: the user's local time, to the minute. */
function localInput(iso: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Narrows the log by connection, action and time; each choice reads the log again from the newest. */
export function AuditFilterBar() {
  const filters = useAppStore((s) => s.auditFilters);
  const choices = useAppStore((s) => s.auditChoices);
  const setFilters = useAppStore((s) => s.setAuditFilters);
  const [since, setSince] = useState(() => localInput(filters.since));
  // A filter chosen earlier stays offered even when the log no longer names it.
  const connections = withChosen(choices.connections, filters.connection);
  const actions = withChosen(choices.actions, filters.action);

  const chooseSince = (text: string) => {
    setSince(text);
    // A half-typed time is left in the field; only a whole one (or none) narrows the log.
    const at = text ? new Date(text) : null;
    if (!at) void setFilters({ since: '' });
    else if (!Number.isNaN(at.getTime())) void setFilters({ since: at.toISOString() });
  };

  return (
    <form className="toolbar audit-filters" aria-label="Filter the audit log" onSubmit={(event) => event.preventDefault()}>
      <label className="field">
        <span className="field__label">Connection</span>
        <select className="select" value={filters.connection} onChange={(e) => void setFilters({ connection: e.target.value })}>
          <option value="">Any connection</option>
          {connections.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Action</span>
        <select className="select" value={filters.action} onChange={(e) => void setFilters({ action: e.target.value })}>
          <option value="">Any action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {actionInWords(action)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Since (your local time)</span>
        <input className="input" type="datetime-local" value={since} onChange={(e) => chooseSince(e.target.value)} />
      </label>
      {(filters.connection || filters.action || filters.since) && (
        <button
          type="button"
          className="button audit-filters__clear"
          onClick={() => {
            setSince('');
            void setFilters({ connection: '', action: '', since: '' });
          }}
        >
          Clear the filters
        </button>
      )}
    </form>
  );
}

const withChosen = (names: string[], chosen: string) => (chosen && !names.includes(chosen) ? [chosen, ...names] : names);
