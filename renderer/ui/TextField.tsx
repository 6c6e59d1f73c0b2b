import type { InputHTMLAttributes } from 'react';
import { Field } from './Field';

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'value' | 'onChange' | 'aria-describedby'>;

interface TextFieldProps extends InputAttributes {
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
  /** Set in the monospace face: names, keys and numbers the user copies exactly. */
  mono?: boolean;
}

/**
 * A labelled text input, its hint and error tied to it (described-by, invalid) through Field;
 * any other input attribute (type, placeholder, autoComplete…) is passed to the input.
 */
export function TextField({ label, hint, error, value, onChange, mono = false, ...input }: TextFieldProps) {
  return (
    <Field label={label} error={error} {...(hint === undefined ? {} : { hint })}>
      {(a11y) => (
        <input {...a11y} {...input} className={mono ? 'input mono' : 'input'} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}
