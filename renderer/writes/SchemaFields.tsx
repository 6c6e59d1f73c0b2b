import { useEffect } from 'react';
import { useAppStore } from '../state/store';
import { Field } from '../ui/Field';
import { TextField } from '../ui/TextField';
import { ErrorState, LoadingState } from '../ui/States';
import type { RegistryWire, SchemaMode, useSchemaChoice } from './useSchemaChoice';

const modes: [SchemaMode, string][] = [
  ['none', 'No schema: send the data as typed'],
  ['glue', 'A schema from the Glue Schema Registry'],
  ['binding', "The stream's bound schema file"],
];
const wires: [RegistryWire, string][] = [
  ['gsr', 'GSR header (what AWS serializers read)'],
  ['gsr-zlib', 'GSR header, body compressed with zlib'],
  ['raw', 'No header: the bare encoded value'],
];

/** The put editor's "encode with a schema" fields: which schema, its version, the Protobuf message and the wire format. */
export function SchemaFields({ choice }: { choice: ReturnType<typeof useSchemaChoice> }) {
  const f = choice.fields;
  const schemas = useAppStore((s) => s.registrySchemas);
  const load = useAppStore((s) => s.loadRegistrySchemas);
  // Listed once the registry is chosen, not for every put that sends plain data.
  useEffect(() => {
    if (f.mode === 'glue' && !schemas) void load();
  }, [f.mode, schemas, load]);

  return (
    <>
      <fieldset className="radio-group">
        <legend className="field__label">Encode with a schema</legend>
        {modes.map(([mode, label]) => (
          <label key={mode} className="radio">
            <input type="radio" name="put-schema-mode" checked={f.mode === mode} onChange={() => f.setMode(mode)} />
            {label}
          </label>
        ))}
      </fieldset>
      {f.mode === 'binding' && (
        <p className="muted">The data is written as the bound file encodes it, with no header (the file names no registry version).</p>
      )}
      {f.mode === 'glue' && schemas?.status === 'loading' && <LoadingState label="Listing the registry's schemas" />}
      {f.mode === 'glue' && schemas?.status === 'error' && (
        <ErrorState title="The schemas cannot be listed" message={schemas.error.message} onRetry={() => void load()} />
      )}
      {f.mode === 'glue' && schemas?.status === 'ok' && schemas.data.schemas.length === 0 && (
        <p className="muted" role="status">
          The connection&apos;s Glue Schema Registry has no schemas.
        </p>
      )}
      {f.mode === 'glue' && schemas?.status === 'ok' && schemas.data.schemas.length > 0 && (
        <>
          <Field
            label="Schema"
            error={f.schema ? undefined : (choice.errors.schema ?? undefined)}
            {...(schemas.data.truncated ? { hint: 'The first 500 schemas are listed.' } : {})}
          >
            {(props) => (
              <select {...props} className="select mono" value={f.schema} onChange={(e) => f.setSchema(e.target.value)}>
                <option value="">Choose a schema…</option>
                {schemas.data.schemas.map(({ registry, name }) => (
                  <option key={`${registry}/${name}`} value={`${registry}/${name}`}>
                    {registry}/{name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label="Version"
            hint="latest, or a version number."
            mono
            error={choice.errors.version ?? undefined}
            value={f.version}
            onChange={f.setVersion}
          />
          <TextField
            label="Protobuf message type"
            hint="Only for a Protobuf schema of several message types."
            mono
            error={choice.errors.message ?? undefined}
            value={f.message}
            onChange={f.setMessage}
          />
          <Field label="Wire format">
            {(props) => (
              <select {...props} className="select" value={f.wire} onChange={(e) => f.setWire(e.target.value as RegistryWire)}>
                {wires.map(([wire, label]) => (
                  <option key={wire} value={wire}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
    </>
  );
}
