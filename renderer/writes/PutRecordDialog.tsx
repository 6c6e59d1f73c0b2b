import { useAppStore } from '../state/store';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { ErrorState } from '../ui/States';
import { ConfirmWrite } from '../ui/ConfirmWrite';
import { usePutForm, type KeyMode } from './usePutForm';
import { usePlannedWrite } from './usePlannedWrite';
import type { PutDraft } from '../state/writes-state';
import { TextField } from '../ui/TextField';
import { SchemaFields } from './SchemaFields';

const keyModes: [KeyMode, string][] = [
  ['partition-key', 'Partition key'],
  ['random', 'Random key'],
  ['explicit-hash-key', 'Explicit hash key'],
];

export function PutRecordDialog({ stream, draft }: { stream: string; draft?: PutDraft }) {
  const form = usePutForm(stream, draft);
  const f = form.fields;
  const planned = usePlannedWrite(form.input);
  const planPut = useAppStore((s) => s.planPut);
  const putRecord = useAppStore((s) => s.putRecord);
  const dropPlan = useAppStore((s) => s.dropWritePlan);
  const result = useAppStore((s) => s.putResult);
  const close = useAppStore((s) => s.closeWriteDialog);
  const openPreviewAt = useAppStore((s) => s.openPreviewAt);
  const again = useAppStore((s) => s.openWriteDialog);
  // A value the schema refuses is said at the data, where it is fixed; the plan's other refusals stay in the confirmation.
  const encodingError =
    form.encodes && planned.confirmation?.status === 'error' && planned.confirmation.error.code === 'invalid-input'
      ? planned.confirmation.error.message
      : null;

  return (
    <Dialog title={`Put a record into ${stream}`} onClose={close}>
      <div className="form-grid">
        <SchemaFields choice={form.schema} />
        {!form.encodes && (
          <fieldset className="radio-group">
            <legend className="field__label">Data as</legend>
            {(['json', 'text', 'base64'] as const).map((value) => (
              <label key={value} className="radio">
                <input type="radio" name="put-encoding" checked={f.encoding === value} onChange={() => f.setEncoding(value)} />
                {value === 'json' ? 'JSON' : value === 'text' ? 'Text' : 'Base64 (bytes)'}
              </label>
            ))}
            <label className="radio">
              <input type="checkbox" checked={f.gzip} onChange={(e) => f.setGzip(e.target.checked)} />
              gzip before sending
            </label>
          </fieldset>
        )}
        <Field label={form.encodes ? 'Data (JSON to encode)' : 'Data'} error={form.dataError ?? encodingError ?? undefined}>
          {(props) => (
            <textarea
              {...props}
              className="input mono editor"
              rows={8}
              value={f.data}
              spellCheck={false}
              onChange={(e) => f.setData(e.target.value)}
            />
          )}
        </Field>
        {(f.encoding === 'json' || form.encodes) && (
          <div>
            <button type="button" className="button button--small" onClick={form.prettify} disabled={Boolean(form.dataError)}>
              Format JSON
            </button>
          </div>
        )}
        <fieldset className="radio-group">
          <legend className="field__label">Placement</legend>
          {keyModes.map(([mode, label]) => (
            <label key={mode} className="radio">
              <input type="radio" name="put-key-mode" checked={f.keyMode === mode} onChange={() => f.setKeyMode(mode)} />
              {label}
            </label>
          ))}
        </fieldset>
        {f.keyMode === 'partition-key' && (
          <TextField
            label="Partition key"
            error={f.key ? (form.keyError ?? undefined) : undefined}
            mono
            value={f.key}
            onChange={f.setKey}
          />
        )}
        {f.keyMode === 'explicit-hash-key' && (
          <TextField
            label="Explicit hash key"
            error={f.hashKey ? (form.keyError ?? undefined) : undefined}
            hint="A whole number below 2^128."
            mono
            value={f.hashKey}
            onChange={f.setHashKey}
          />
        )}
        <p className="muted" role="status" aria-label="Where the record lands">
          {f.keyMode === 'random'
            ? 'A random key: Kinesis picks the shard by its hash.'
            : form.landing?.shardId
              ? `Lands on ${form.landing.shardId}.`
              : (form.landing?.reason ?? 'Enter a key to see the shard it lands on.')}
        </p>
      </div>
      {result?.status === 'ok' ? (
        <section className="notice-box" aria-label="Record written">
          <p>
            Written to <span className="mono">{result.data.shardId}</span> as sequence number{' '}
            <span className="mono">{result.data.sequenceNumber}</span> (key <span className="mono">{result.data.partitionKey}</span>).
          </p>
          <div className="dialog__actions">
            <button
              type="button"
              className="button"
              onClick={() => void openPreviewAt(stream, result.data.shardId, result.data.sequenceNumber)}
            >
              Open in live preview
            </button>
            <button
              type="button"
              className="button"
              onClick={() =>
                again({
                  kind: 'put',
                  stream,
                  draft: { data: f.data, encoding: f.encoding, partitionKey: f.keyMode === 'random' ? null : f.key },
                })
              }
            >
              Put another
            </button>
          </div>
        </section>
      ) : (
        <>
          {result?.status === 'error' && <ErrorState title="Not written" message={result.error.message} />}
          {/* A value the schema refuses is said once, at the data: editing it makes a new plan to review. */}
          {form.valid && !encodingError && (
            <ConfirmWrite
              plan={planned.confirmation}
              onReview={() => void planPut(form.input)}
              onBack={dropPlan}
              what="Put 1 record"
              busy={result?.status === 'loading'}
              onConfirm={() => planned.token && void putRecord(form.input, planned.token)}
            />
          )}
        </>
      )}
    </Dialog>
  );
}
