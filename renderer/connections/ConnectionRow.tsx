import { useState } from 'react';
import type { ProfileView } from '../../shared/contract';
import { messageOf } from '../api/api-error';
import { CopyButton } from '../ui/CopyButton';
import { describeCredentials } from './describe';
import type { TestState } from '../state/connection-state';

interface ConnectionRowProps {
  name: string;
  region: string;
  endpoint: string | null;
  credentials: string;
  active: boolean;
  test: TestState | undefined;
  onUse(): Promise<void>;
  onTest(): void;
  onEdit?: () => void;
  onRemove?: () => Promise<void>;
}

export function profileRowProps(profile: ProfileView) {
  return { name: profile.name, region: profile.region, endpoint: profile.endpoint, credentials: describeCredentials(profile) };
}

export function ConnectionRow(props: ConnectionRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<void>) => {
    setError(null);
    action().catch((failure: unknown) => setError(messageOf(failure)));
  };

  return (
    <tr aria-current={props.active ? 'true' : undefined}>
      <th scope="row" className="table__name">
        {props.name}
        {props.active && <span className="badge badge--active connection-row__active">in use</span>}
      </th>
      <td className="table__nowrap">{props.region}</td>
      <td className="mono">{props.endpoint ?? 'AWS'}</td>
      <td>{props.credentials}</td>
      <td>
        <TestResult name={props.name} test={props.test} />
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td className="table__actions">
        {!props.active && (
          <button type="button" className="button button--primary" aria-label={`Use ${props.name}`} onClick={() => run(props.onUse)}>
            Use
          </button>
        )}
        <button
          type="button"
          className="button"
          aria-label={`Test ${props.name}`}
          onClick={props.onTest}
          disabled={props.test?.status === 'running'}
        >
          Test
        </button>
        {props.onEdit && (
          <button type="button" className="button" aria-label={`Edit ${props.name}`} onClick={props.onEdit}>
            Edit
          </button>
        )}
        {props.onRemove && !confirming && (
          <button type="button" className="button button--danger" aria-label={`Remove ${props.name}`} onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
        {props.onRemove && confirming && (
          <span className="confirm" role="group" aria-label={`Confirm removing ${props.name}`}>
            <button type="button" className="button button--danger" onClick={() => run(props.onRemove!)}>
              Remove {props.name}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

function TestResult({ name, test }: { name: string; test: TestState | undefined }) {
  if (!test) return null;
  const label = `Test result for ${name}`;
  if (test.status === 'running') {
    return (
      <span role="status" aria-label={label} aria-busy="true" className="muted">
        Testing…
      </span>
    );
  }
  if (test.status === 'error') {
    return (
      <span role="status" aria-label={label} className="test test--failed">
        {test.message}
      </span>
    );
  }
  const { result } = test;
  return (
    <span role="status" aria-label={label} className={result.ok ? 'test test--ok' : 'test test--failed'}>
      {result.ok ? (result.account ? `OK · account ${result.account} · ${result.arn}` : `OK · ${result.message}`) : result.message}
      {result.fix && (
        <span className="test__fix">
          <code>{result.fix}</code>
          <CopyButton text={result.fix} label={`Copy the fix for ${name}`} />
        </span>
      )}
    </span>
  );
}
