import type { CopyKeys } from '../../shared/contract';

/** How records written again are keyed: as they were, from a JSON field, or at random. */
export function KeysField({ value, onChange }: { value: CopyKeys; onChange(keys: CopyKeys): void }) {
  return (
    <fieldset className="radio-group">
      <legend className="field__label">Partition keys</legend>
      <label className="radio">
        <input type="radio" name="keys" checked={value.type === 'keep'} onChange={() => onChange({ type: 'keep' })} />
        Keep each record’s key
      </label>
      <label className="radio">
        <input type="radio" name="keys" checked={value.type === 'field'} onChange={() => onChange({ type: 'field', field: 'id' })} />
        From a JSON field
      </label>
      {value.type === 'field' && (
        <input
          className="input mono"
          aria-label="JSON field for the key"
          value={value.field}
          onChange={(e) => onChange({ type: 'field', field: e.target.value })}
        />
      )}
      <label className="radio">
        <input type="radio" name="keys" checked={value.type === 'random'} onChange={() => onChange({ type: 'random' })} />
        Random keys
      </label>
    </fieldset>
  );
}
