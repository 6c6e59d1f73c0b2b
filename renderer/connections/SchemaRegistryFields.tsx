import type { ProfileView } from '../../shared/contract';
import { Field } from '../ui/Field';
import { TextField } from '../ui/TextField';
import type { useProfileForm } from './useProfileForm';

type Form = ReturnType<typeof useProfileForm>;

const authKinds = [
  { kind: 'none', label: 'None' },
  { kind: 'basic', label: 'User name and password' },
  { kind: 'bearer', label: 'Bearer token' },
] as const;

/** Where schemas are looked up: the Glue endpoint, and a Confluent-compatible registry with its sign-in. */
export function SchemaRegistryFields({ form, editing }: { form: Form; editing: ProfileView | null }) {
  const { values, set, errors } = form;
  const secretLabel = values.registryAuth === 'basic' ? 'Registry password' : 'Registry token';
  return (
    <fieldset className="form__sources">
      <legend>Schema registries</legend>
      <div className="form__grid">
        <Field
          label="Glue endpoint"
          error={errors.glueEndpoint}
          hint="Where Glue Schema Registry lookups go, e.g. a local stand-in. Empty: AWS Glue in the connection's region."
        >
          {(a11y) => (
            <input
              {...a11y}
              className="input"
              value={values.glueEndpoint}
              onChange={(e) => set('glueEndpoint', e.target.value)}
              placeholder="https://glue.us-east-1.amazonaws.com"
            />
          )}
        </Field>
        <TextField
          label="Confluent registry URL"
          error={errors.registryUrl}
          hint="A Confluent-compatible registry (Confluent, Karapace, Apicurio, Redpanda) for Confluent-framed records. Empty: none."
          value={values.registryUrl}
          onChange={(value) => set('registryUrl', value)}
          placeholder="https://registry.example.com"
          autoComplete="off"
        />
      </div>
      {values.registryUrl.trim() && (
        <>
          <Field label="Registry authentication">
            {(a11y) => (
              <select
                {...a11y}
                className="select"
                value={values.registryAuth}
                onChange={(e) => set('registryAuth', e.target.value as (typeof authKinds)[number]['kind'])}
              >
                {authKinds.map((auth) => (
                  <option key={auth.kind} value={auth.kind}>
                    {auth.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form__grid">
            {values.registryAuth === 'basic' && (
              <TextField
                label="Registry user name"
                error={errors.registryUser}
                value={values.registryUser}
                onChange={(value) => set('registryUser', value)}
                autoComplete="off"
              />
            )}
            {values.registryAuth !== 'none' &&
              (form.askRegistrySecret ? (
                <TextField
                  label={secretLabel}
                  error={errors.registrySecret}
                  hint="Stored in your OS keychain; it never leaves Shardscope's main process."
                  mono
                  value={values.registrySecret}
                  onChange={(value) => set('registrySecret', value)}
                  type="password"
                  autoComplete="off"
                />
              ) : (
                <div className="field">
                  <span className="field__label">{secretLabel}</span>
                  <span role="status" aria-label={`${secretLabel} state`}>
                    {editing?.registrySecret === 'session'
                      ? 'Kept for this session only'
                      : editing?.registrySecret === 'missing'
                        ? 'Missing from the keychain'
                        : 'Saved in keychain'}{' '}
                    <button type="button" className="button button--small" onClick={() => form.setReplaceRegistrySecret(true)}>
                      Replace {values.registryAuth === 'basic' ? 'password' : 'token'}
                    </button>
                  </span>
                </div>
              ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
