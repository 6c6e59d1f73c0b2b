import { s3StorageClasses } from '../../shared/contract';
import { Field } from '../ui/Field';
import { TextField } from '../ui/TextField';
import { outputKind, outputProblem, type SseChoice, type StorageClassChoice } from './run-output';
import type { RunFormValues, useRunForm } from './useRunForm';

const kindWords = {
  empty: 'A full folder path on the machine running Shardscope, or an S3 prefix, s3://bucket/prefix/',
  folder: 'A folder on the machine running Shardscope',
  s3: 'An S3 prefix: parts are uploaded, and run.json sits beside them',
} as const;

/** Where the run writes: a folder or an S3 prefix, said and checked as it is typed; S3's own options for a prefix. */
export function RunOutputFields({
  form,
  canChoose,
  onChoose,
  onCheckPermissions,
}: {
  form: ReturnType<typeof useRunForm>;
  /** Electron has a folder picker; the browser host cannot see the machine's folders. */
  canChoose: boolean;
  onChoose(): void;
  /** Opens the Permissions page on the stream and this prefix, with its encryption. */
  onCheckPermissions(): void;
}) {
  const { values, set } = form;
  const kind = outputKind(values.folder);
  const problem = outputProblem(values.folder);
  return (
    <>
      <div className="form__grid">
        <Field label="Output folder or S3 prefix" hint={kindWords[kind]} error={problem ?? undefined}>
          {(a11y) => (
            <span className="input-with-button">
              <input
                {...a11y}
                className="input mono"
                value={values.folder}
                onChange={(e) => set('folder', e.target.value)}
                placeholder="/home/me/exports/orders or s3://my-bucket/orders/"
                spellCheck={false}
              />
              {canChoose && (
                <button type="button" className="button" onClick={onChoose}>
                  Choose…
                </button>
              )}
            </span>
          )}
        </Field>
        <label className="radio">
          <input type="checkbox" checked={values.resume} onChange={(e) => set('resume', e.target.checked)} />
          {kind === 's3' ? 'Resume the run already under this prefix' : 'Resume the run already in this folder'}
        </label>
      </div>
      {kind === 's3' && <S3Options values={values} set={set} />}
      {kind === 's3' && !problem && values.stream.trim() && (
        <div className="form__actions">
          <button type="button" className="button" onClick={onCheckPermissions}>
            Check permissions for this prefix…
          </button>
        </div>
      )}
    </>
  );
}

function S3Options({ values, set }: { values: RunFormValues; set: ReturnType<typeof useRunForm>['set'] }) {
  return (
    <fieldset className="form__grid run-s3">
      <legend>S3 options</legend>
      <Field label="Encryption" hint="Server-side encryption of every object the run writes">
        {(a11y) => (
          <select {...a11y} className="select" value={values.sse} onChange={(e) => set('sse', e.target.value as SseChoice)}>
            <option value="none">None (the bucket's default)</option>
            <option value="AES256">SSE-S3 (AES256)</option>
            <option value="aws:kms">SSE-KMS (aws:kms)</option>
          </select>
        )}
      </Field>
      {values.sse === 'aws:kms' && (
        <TextField
          label="KMS key"
          hint="Key id, ARN or alias; empty: the account's aws/s3 key"
          mono
          value={values.kmsKeyId}
          onChange={(value) => set('kmsKeyId', value)}
          placeholder="alias/data-lake"
          spellCheck={false}
        />
      )}
      <Field label="Storage class" hint="Of the data files">
        {(a11y) => (
          <select
            {...a11y}
            className="select"
            value={values.storageClass}
            onChange={(e) => set('storageClass', e.target.value as StorageClassChoice)}
          >
            <option value="default">Default (STANDARD)</option>
            {s3StorageClasses.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
