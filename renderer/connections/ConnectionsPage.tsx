import { useState } from 'react';
import { SANDBOX_CONNECTION, type ProfileView } from '../../shared/contract';
import { ErrorState, LoadingState } from '../ui/States';
import { ConnectionRow, profileRowProps } from './ConnectionRow';
import { MaskingSection } from './MaskingSection';
import { ViewsSection } from './ViewsSection';
import { ProfileForm } from './ProfileForm';
import { useConnections } from './useConnections';

type Editing = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; profile: ProfileView };

export function ConnectionsPage() {
  const { list, error, tests, reload, activate, test, remove } = useConnections();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const close = () => setEditing({ mode: 'closed' });

  return (
    <section className="page" aria-labelledby="connections-heading">
      <header className="page__header">
        <h1 id="connections-heading">Connections</h1>
        <div className="page__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => setEditing({ mode: 'add' })}
            disabled={editing.mode !== 'closed'}
          >
            Add connection
          </button>
        </div>
      </header>

      {list && !list.keychain.available && (
        <p className="notice-box" role="note">
          {list.keychain.reason?.replace(/\.?$/, '.')} Access keys can still be kept for this session only; AWS profiles and the default
          chain work as usual.
        </p>
      )}
      {list?.problems.map((problem) => (
        <p key={problem} className="notice-box" role="alert">
          {problem}
        </p>
      ))}

      {editing.mode !== 'closed' && (
        <ProfileForm
          key={editing.mode === 'edit' ? editing.profile.name : 'new'}
          editing={editing.mode === 'edit' ? editing.profile : null}
          onClose={close}
        />
      )}

      {error && <ErrorState title="Could not load connections" message={error} onRetry={() => void reload()} />}
      {!list && !error && <LoadingState label="Loading connections" />}
      {list && (
        <table className="table" aria-label="Connections">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Region</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Credentials</th>
              <th scope="col">Last test</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <ConnectionRow
              name={SANDBOX_CONNECTION}
              region={list.active?.kind === 'sandbox' ? list.active.region : 'us-east-1'}
              endpoint={list.active?.kind === 'sandbox' ? list.active.endpoint : null}
              credentials="None needed: built in, with demo streams"
              active={list.active?.kind === 'sandbox'}
              test={tests[SANDBOX_CONNECTION]}
              onUse={() => activate(SANDBOX_CONNECTION)}
              onTest={() => void test(SANDBOX_CONNECTION)}
            />
            {list.profiles.map((profile) => (
              <ConnectionRow
                key={profile.name}
                {...profileRowProps(profile)}
                active={list.active?.profile === profile.name}
                test={tests[profile.name]}
                onUse={() => activate(profile.name)}
                onTest={() => void test(profile.name)}
                onEdit={() => setEditing({ mode: 'edit', profile })}
                onRemove={() => remove(profile.name)}
              />
            ))}
          </tbody>
        </table>
      )}
      {list && list.profiles.length === 0 && (
        <p className="muted page__footnote">
          No saved connections yet. Add AWS access keys, an AWS profile, the default credential chain or a local endpoint.
        </p>
      )}
      {list && <MaskingSection />}
      {list && <ViewsSection />}
    </section>
  );
}
