import { useState } from 'react';
import { SANDBOX_CONNECTION } from '../../shared/contract';
import { messageOf } from '../api/api-error';
import { useConnections } from './useConnections';

/** The header's quick switch between the sandbox and the saved connections. */
export function ConnectionSwitcher() {
  const { list, activate } = useConnections();
  const [error, setError] = useState<string | null>(null);
  if (!list?.active) return null;
  const current = list.active.profile ?? (list.active.kind === 'sandbox' ? SANDBOX_CONNECTION : '');
  return (
    <label className="switcher">
      <span className="visually-hidden">Switch connection</span>
      <select
        className="select"
        aria-label="Switch connection"
        value={current}
        onChange={(event) => {
          setError(null);
          activate(event.target.value).catch((failure: unknown) => setError(messageOf(failure)));
        }}
      >
        {current === '' && <option value="">{list.active.label}</option>}
        <option value={SANDBOX_CONNECTION}>{SANDBOX_CONNECTION}</option>
        {list.profiles.map((profile) => (
          <option key={profile.name} value={profile.name}>
            {profile.name}
          </option>
        ))}
      </select>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
