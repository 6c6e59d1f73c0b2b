import type { ProfileView } from '../../shared/contract';
import { Field } from '../ui/Field';
import { useProfileForm, type SourceType } from './useProfileForm';
import { TextField } from '../ui/TextField';
import { SchemaRegistryFields } from './SchemaRegistryFields';

const sources: { type: SourceType; label: string }[] = [
  { type: 'access-keys', label: 'Access keys' },
  { type: 'aws-profile', label: 'AWS profile' },
  { type: 'default-chain', label: 'Default credential chain' },
];

const regions = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
  'ca-central-1',
];

export function ProfileForm({ editing, onClose }: { editing: ProfileView | null; onClose(): void }) {
  const form = useProfileForm(editing, onClose);
  const { values, set, errors } = form;
  const title = editing ? `Edit ${editing.name}` : 'Add a connection';

  return (
    <form
      className="panel form"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit();
      }}
    >
      <h2>{title}</h2>
      <div className="form__grid">
        <TextField
          label="Name"
          error={errors.name}
          value={values.name}
          onChange={(value) => set('name', value)}
          autoComplete="off"
          required
        />
        <Field label="Region" error={errors.region}>
          {(a11y) => (
            <>
              <input
                {...a11y}
                className="input"
                list="shardscope-regions"
                value={values.region}
                onChange={(e) => set('region', e.target.value)}
                required
              />
              <datalist id="shardscope-regions">
                {regions.map((region) => (
                  <option key={region} value={region} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Endpoint URL" error={errors.endpoint} hint="Leave empty for AWS; e.g. http://127.0.0.1:4567 for a local Kinesis.">
          {(a11y) => (
            <input
              {...a11y}
              className="input"
              value={values.endpoint}
              onChange={(e) => set('endpoint', e.target.value)}
              placeholder="https://…"
            />
          )}
        </Field>
        {values.endpoint.trim() && (
          <Field
            label="DynamoDB endpoint"
            error={errors.dynamodbEndpoint}
            hint="Where KCL lease tables are, for the Consumers panel; e.g. http://127.0.0.1:4568. Empty: none for a local endpoint, AWS's otherwise."
          >
            {(a11y) => (
              <input
                {...a11y}
                className="input"
                value={values.dynamodbEndpoint}
                onChange={(e) => set('dynamodbEndpoint', e.target.value)}
                placeholder="http://127.0.0.1:…"
              />
            )}
          </Field>
        )}
        <Field
          label="S3 endpoint"
          error={errors.s3Endpoint}
          hint="Where runs written to S3 go, addressed path-style, e.g. a local S3. Empty: AWS_ENDPOINT_URL_S3, else AWS's S3."
        >
          {(a11y) => (
            <input
              {...a11y}
              className="input"
              value={values.s3Endpoint}
              onChange={(e) => set('s3Endpoint', e.target.value)}
              placeholder="http://127.0.0.1:…"
            />
          )}
        </Field>
      </div>

      <fieldset className="form__sources">
        <legend>Credentials</legend>
        {sources.map((source) => (
          <label key={source.type} className="radio">
            <input
              type="radio"
              name="source"
              value={source.type}
              checked={values.sourceType === source.type}
              onChange={() => set('sourceType', source.type)}
            />
            {source.label}
          </label>
        ))}
      </fieldset>

      {values.sourceType === 'access-keys' && (
        <div className="form__grid">
          <Field label="Access key ID" error={errors.accessKeyId}>
            {(a11y) => (
              <input
                {...a11y}
                className="input mono"
                value={values.accessKeyId}
                onChange={(e) => set('accessKeyId', e.target.value.trim())}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          {form.replaceSecret ? (
            <>
              <TextField
                label="Secret access key"
                error={errors.secretAccessKey}
                hint="Stored in your OS keychain; it never leaves Shardscope's main process."
                mono
                value={values.secretAccessKey}
                onChange={(value) => set('secretAccessKey', value)}
                type="password"
                autoComplete="off"
              />
              <TextField
                label="Session token (optional)"
                error={errors.sessionToken}
                mono
                value={values.sessionToken}
                onChange={(value) => set('sessionToken', value)}
                type="password"
                autoComplete="off"
              />
            </>
          ) : (
            <div className="field">
              <span className="field__label">Secret access key</span>
              <span>
                {editing?.secret === 'session' ? 'Kept for this session only' : 'Stored in keychain'}{' '}
                <button type="button" className="button button--small" onClick={() => form.setReplaceSecret(true)}>
                  Replace secret
                </button>
              </span>
            </div>
          )}
        </div>
      )}

      {values.sourceType === 'aws-profile' && (
        <Field
          label="AWS profile"
          error={errors.awsProfile}
          hint="From ~/.aws/config and ~/.aws/credentials: SSO, assume-role and credential_process work too."
        >
          {(a11y) => (
            <select {...a11y} className="select" value={values.awsProfile} onChange={(e) => set('awsProfile', e.target.value)}>
              <option value="">
                {form.awsProfiles ? (form.awsProfiles.length ? 'Choose a profile' : 'No profiles found') : 'Loading…'}
              </option>
              {form.awsProfiles?.map((profile) => (
                <option key={profile.name} value={profile.name}>
                  {profile.name} ({profile.kind}
                  {profile.region ? `, ${profile.region}` : ''})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      {values.sourceType === 'default-chain' && (
        <p className="muted">Environment variables, web identity, container and instance credentials, as the AWS SDK finds them.</p>
      )}

      <fieldset className="form__sources">
        <legend>Read budget per shard</legend>
        <div className="form__grid">
          <TextField
            label="Reads a second"
            error={errors.callsPerSecond}
            hint="1 to 5. Kinesis allows 5 GetRecords calls a second per shard, shared with your other consumers. Empty: 5 for local endpoints, 2 for AWS."
            value={values.callsPerSecond}
            onChange={(value) => set('callsPerSecond', value)}
            type="number"
            inputMode="numeric"
            placeholder="default"
          />
          <TextField
            label="MiB a second (optional)"
            error={errors.mibPerSecond}
            hint="Up to 2, the read limit per shard. Empty: no byte budget of our own."
            value={values.mibPerSecond}
            onChange={(value) => set('mibPerSecond', value)}
            type="number"
            inputMode="decimal"
            step="any"
            placeholder="none"
          />
        </div>
      </fieldset>

      <SchemaRegistryFields form={form} editing={editing} />

      <label className="radio">
        <input type="checkbox" checked={values.readOnly} onChange={(e) => set('readOnly', e.target.checked)} />
        Read-only: Shardscope refuses every write on this connection (put, produce, copy, stream changes)
      </label>

      {form.formError && (
        <p className="field__error" role="alert">
          {form.formError}
        </p>
      )}
      {form.keychainMissing && (
        <div className="notice-box" role="alert">
          <p>{form.keychainMissing}</p>
          <p>Shardscope never writes a secret to disk. You can keep it in memory until Shardscope quits.</p>
          <button type="button" className="button" onClick={() => void form.submit(true)} disabled={form.saving}>
            Keep for this session only
          </button>
        </div>
      )}

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.saving}>
          {form.saving ? 'Saving…' : 'Save connection'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
