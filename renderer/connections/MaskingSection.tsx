import { useEffect } from 'react';
import type { StoredMaskRule } from '../../shared/contract';
import { selectConnectionKey } from '../state/connection-state';
import { useAppStore } from '../state/store';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { MaskImport } from './MaskImport';
import { MaskRuleForm } from './MaskRuleForm';
import { selectorWords } from './masking-words';
import { UnmaskedSwitch } from './UnmaskedSwitch';
import './masking.css';

function RuleRow({ rule, position, onRemove }: { rule: StoredMaskRule; position: number; onRemove(): void }) {
  const selector = selectorWords(rule);
  return (
    <tr>
      <td>{position}</td>
      <th scope="row">
        <span className="muted">{selector.kind} </span>
        <span className="mono">{selector.value}</span>
      </th>
      <td>{rule.action}</td>
      <td>{rule.stream ?? 'Every stream'}</td>
      <td>{rule.runs === false ? 'Not applied' : 'Masked'}</td>
      <td>
        <button
          type="button"
          className="button button--small"
          aria-label={`Remove rule ${position} (${selector.kind.toLowerCase()} ${selector.value})`}
          onClick={onRemove}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

/** The active connection's masking rules: what every view and run of it hides. */
export function MaskingSection() {
  const connectionKey = useAppStore(selectConnectionKey);
  const label = useAppStore((s) => s.connection?.label);
  const masking = useAppStore((s) => s.masking);
  const loading = useAppStore((s) => s.maskingLoading);
  const error = useAppStore((s) => s.maskingError);
  const load = useAppStore((s) => s.loadMasking);
  const remove = useAppStore((s) => s.removeMaskRule);
  useEffect(() => {
    if (connectionKey) void load();
  }, [connectionKey, load]);

  return (
    <section className="page__section masking" aria-labelledby="masking-heading">
      <h2 id="masking-heading">Masking{label ? `: ${label}` : ''}</h2>
      <p className="muted">
        Fields these rules select are masked in main before a record reaches the preview, the inspector, searches or runs. Copies write
        records as they are.
      </p>
      {error && <ErrorState title="Masking rules could not be loaded or changed" message={error} onRetry={() => void load()} />}
      {!masking && loading && <LoadingState label="Loading masking rules" />}
      {masking && (
        <>
          <UnmaskedSwitch unmasked={masking.unmasked} />
          {masking.rules.length === 0 ? (
            <EmptyState title="No masking rules" message="Every field is shown as it is. Add a rule or import a rules file." />
          ) : (
            <table className="table" aria-label="Masking rules">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Selects</th>
                  <th scope="col">Action</th>
                  <th scope="col">Stream</th>
                  <th scope="col">Runs</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {masking.rules.map((rule, at) => (
                  <RuleRow key={rule.id} rule={rule} position={at + 1} onRemove={() => void remove(rule.id)} />
                ))}
              </tbody>
            </table>
          )}
          <MaskRuleForm />
          <MaskImport />
        </>
      )}
    </section>
  );
}
