import { useState, type FormEvent } from 'react';
import { maskActions, maskDetectors, maskRuleSchema, type MaskRule } from '../../shared/contract';
import { messageOf } from '../api/api-error';
import { useAppStore } from '../state/store';
import { Field } from '../ui/Field';
import { StreamCombobox } from '../ui/picker/StreamCombobox';

type SelectBy = 'path' | 'pattern' | 'detector';

const actionWords: Record<MaskRule['action'], string> = {
  redact: 'Redact (***)',
  hash: 'Hash (hmac: token, equal values alike)',
  partial: 'Partial (*** and the last 4)',
  drop: 'Drop the field',
};

/** Adds one rule to the active connection; the contract's own schema checks it before it is sent. */
export function MaskRuleForm() {
  const add = useAppStore((s) => s.addMaskRule);
  const [selectBy, setSelectBy] = useState<SelectBy>('path');
  const [selector, setSelector] = useState('');
  const [detector, setDetector] = useState<MaskRule['detector']>('email');
  const [action, setAction] = useState<MaskRule['action']>('redact');
  const [stream, setStream] = useState('');
  const [notInRuns, setNotInRuns] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const draft = {
      ...(selectBy === 'detector' ? { detector } : { [selectBy]: selector.trim() }),
      action,
      ...(stream.trim() ? { stream: stream.trim() } : {}),
      ...(notInRuns ? { runs: false } : {}),
    };
    const parsed = maskRuleSchema.safeParse(draft);
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join(' '));
      return;
    }
    setSaving(true);
    try {
      await add(parsed.data);
      setError(null);
      setSelector('');
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="panel form" aria-label="Add a masking rule" onSubmit={(e) => void submit(e)}>
      <h3>Add a rule</h3>
      <fieldset className="form__sources">
        <legend>Select by</legend>
        {(['path', 'pattern', 'detector'] as const).map((by) => (
          <label key={by} className="radio">
            <input type="radio" name="mask-select-by" checked={selectBy === by} onChange={() => setSelectBy(by)} />
            {by === 'path' ? 'Field path' : by === 'pattern' ? 'RE2 pattern' : 'Detector'}
          </label>
        ))}
      </fieldset>
      <div className="form__grid">
        {selectBy === 'detector' ? (
          <Field label="Detector">
            {(a11y) => (
              <select {...a11y} className="select" value={detector} onChange={(e) => setDetector(e.target.value as MaskRule['detector'])}>
                {maskDetectors.map((d) => (
                  <option key={d} value={d}>
                    {d === 'card' ? 'Card number (Luhn-checked)' : d === 'email' ? 'Email address' : 'IBAN (mod-97-checked)'}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field
            label={selectBy === 'path' ? 'Field path' : 'RE2 pattern'}
            error={error ?? undefined}
            hint={
              selectBy === 'path'
                ? 'From data or partitionKey, e.g. data.customer.email or data.cards[*].number'
                : 'Matched inside every string value'
            }
          >
            {(a11y) => <input {...a11y} className="input mono" value={selector} onChange={(e) => setSelector(e.target.value)} />}
          </Field>
        )}
        <Field label="Action">
          {(a11y) => (
            <select {...a11y} className="select" value={action} onChange={(e) => setAction(e.target.value as MaskRule['action'])}>
              {maskActions.map((a) => (
                <option key={a} value={a}>
                  {actionWords[a]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <StreamCombobox label="Only on stream (empty: every stream)" visibleLabel value={stream} onChange={setStream} />
      </div>
      <label className="radio">
        <input type="checkbox" checked={notInRuns} onChange={(e) => setNotInRuns(e.target.checked)} />
        Does not apply to runs (runs write the field as it is)
      </label>
      {error && selectBy === 'detector' && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          Add rule
        </button>
      </div>
    </form>
  );
}
