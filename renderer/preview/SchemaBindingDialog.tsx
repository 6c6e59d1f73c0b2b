import { useState } from 'react';
import type { SchemaBinding } from '../../shared/contract';
import { ApiError, messageOf } from '../api/api-error';
import { useAppStore } from '../state/store';
import { Dialog } from '../ui/Dialog';
import { ErrorState, LoadingState } from '../ui/States';
import { TextField } from '../ui/TextField';
import { bindingModes, bindingWords } from './schema-binding-words';

type FieldErrors = Partial<Record<'path' | 'message' | 'importDir', string>>;

const fieldOf = (path: string): keyof FieldErrors | null =>
  path === 'file' || path === 'file.path' ? 'path' : path === 'file.message' ? 'message' : path === 'file.importDir' ? 'importDir' : null;

/** How one stream's records are decoded: the framing to look for and a schema file, saved per connection. */
export function SchemaBindingDialog({ stream, onClose }: { stream: string; onClose(): void }) {
  const bindings = useAppStore((state) => state.schemaBindings);
  const save = useAppStore((state) => state.setSchemaBinding);
  const clear = useAppStore((state) => state.clearSchemaBinding);
  const current = bindings?.status === 'ok' ? bindings.data.find((binding) => binding.stream === stream) : undefined;
  const [mode, setMode] = useState<SchemaBinding['mode']>(current?.mode ?? 'auto');
  const [path, setPath] = useState(current?.file?.path ?? '');
  const [message, setMessage] = useState(current?.file?.message ?? '');
  const [importDir, setImportDir] = useState(current?.file?.importDir ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await action();
    } catch (error) {
      const byField: FieldErrors = {};
      for (const issue of error instanceof ApiError ? error.issues : []) {
        const field = fieldOf(issue.path);
        if (field) byField[field] ??= issue.message;
      }
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const binding = (): SchemaBinding => ({
    stream,
    mode,
    ...(path.trim()
      ? {
          file: {
            path: path.trim(),
            ...(message.trim() ? { message: message.trim() } : {}),
            ...(importDir.trim() ? { importDir: importDir.trim() } : {}),
          },
        }
      : {}),
  });

  return (
    <Dialog title={`Schema for ${stream}`} onClose={onClose}>
      <form
        className="form"
        aria-label="Schema binding"
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => save(binding()));
        }}
      >
        <p className="muted">Reads started after a change use it. Kept for this connection, in the data folder.</p>
        <fieldset className="form__sources">
          <legend>How records carry their schema</legend>
          {bindingModes.map((option) => (
            <label key={option.mode} className="radio">
              <input
                type="radio"
                name="schema-mode"
                value={option.mode}
                checked={mode === option.mode}
                onChange={() => setMode(option.mode)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        <TextField
          label={mode === 'raw-with-file' ? 'Schema file' : 'Schema file (optional)'}
          hint="A path on the machine Shardscope runs on: .avsc, .proto, a descriptor set (.desc, .pb, .protoset) or a JSON Schema (.json)."
          error={errors.path}
          mono
          value={path}
          onChange={setPath}
          placeholder="/path/to/schema.avsc"
          data-autofocus
        />
        {path.trim() && (
          <div className="form__grid">
            <TextField
              label="Protobuf message (optional)"
              hint="When the file has several and records carry no message index, e.g. shop.Order."
              error={errors.message}
              mono
              value={message}
              onChange={setMessage}
            />
            <TextField
              label="Imports folder (optional)"
              hint="Where a .proto's imports are; its own folder when empty."
              error={errors.importDir}
              mono
              value={importDir}
              onChange={setImportDir}
            />
          </div>
        )}
        {formError && (
          <p className="field__error" role="alert">
            {formError}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Save binding
          </button>
          <button type="button" className="button" disabled={busy || !current} onClick={() => void run(() => clear(stream))}>
            Remove binding
          </button>
        </div>
      </form>
      <section aria-label="Bindings on this connection">
        <h3>Bindings on this connection</h3>
        {bindings === null || bindings.status === 'loading' ? (
          <LoadingState label="Loading bindings" />
        ) : bindings.status === 'error' ? (
          <ErrorState title="Bindings" message={bindings.error.message} />
        ) : bindings.data.length === 0 ? (
          <p className="muted">No stream is bound: every stream detects its framing.</p>
        ) : (
          <ul className="plain-list">
            {bindings.data.map((bound) => (
              <li key={bound.stream}>
                <span className="mono">{bound.stream}</span>: {bindingWords(bound)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Dialog>
  );
}
