import { useMemo } from 'react';
import type { SchemaDefinition } from '../../../shared/contract';
import { useAppStore } from '../../state/store';
import { CopyButton } from '../CopyButton';
import { Dialog } from '../Dialog';
import { ErrorState, LoadingState } from '../States';

/** Avro and JSON Schema as indented JSON; a .proto (or JSON that does not parse) as it came. */
function readable(format: SchemaDefinition['format'], text: string): string {
  if (format === 'PROTOBUF') return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Definition({ schema }: { schema: SchemaDefinition }) {
  const text = useMemo(() => readable(schema.format, schema.definition), [schema]);
  const version = schema.version !== null ? `version ${schema.version}` : 'no version';
  const where = schema.registry === 'file' ? `file ${schema.id}` : `${schema.registry}, ${version}, id ${schema.id}`;
  return (
    <>
      <p className="muted" aria-label="Schema source">
        {schema.name} · {schema.format} · {where}
      </p>
      {schema.truncated && (
        <p className="notice-box" role="note">
          This definition is long: it is cut at 256 KiB here.
        </p>
      )}
      <div className="toolbar">
        <span className="frame__spacer" />
        <CopyButton text={text} label="Copy schema definition" />
      </div>
      {/* A registry's text is anyone's: shown as text in a bounded box, never as markup. */}
      <pre className="code-block schema-dialog__text" aria-label="Schema definition" tabIndex={0}>
        {text}
      </pre>
      {schema.imports.map((imported) => (
        <details key={imported.name} className="schema-dialog__import">
          <summary className="mono">{imported.name}</summary>
          <pre className="code-block schema-dialog__text" tabIndex={0}>
            {imported.definition}
          </pre>
        </details>
      ))}
    </>
  );
}

/** The definition a decoded record was read with, opened from the inspector. */
export function SchemaDialog() {
  const shown = useAppStore((state) => state.shownSchema);
  const close = useAppStore((state) => state.closeSchema);
  if (!shown) return null;
  const { state } = shown;
  return (
    <Dialog title="Schema" onClose={close}>
      {state.status === 'loading' && <LoadingState label="Loading the schema" />}
      {state.status === 'error' && <ErrorState title="The schema could not be shown" message={state.error.message} />}
      {state.status === 'ok' && <Definition schema={state.data} />}
    </Dialog>
  );
}
