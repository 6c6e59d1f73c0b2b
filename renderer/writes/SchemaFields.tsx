import { useEffect } from 'react';
import { selectConnectionKey } from '../state/connection-state';
import { useAppStore } from '../state/store';
import { registrySchemasKey } from '../state/writes-state';
import { Field } from '../ui/Field';
import { TextField } from '../ui/TextField';
import { ErrorState, LoadingState } from '../ui/States';
import type { RegistryWire, SchemaMode, useSchemaChoice } from './useSchemaChoice';

const modeLabels: Record<SchemaMode, string> = {
  none: 'No schema: send the data as typed',
  glue: 'A schema from the Glue Schema Registry',
  confluent: "A subject from the connection's Confluent registry",
  binding: "The stream's bound schema file",
};
const wireLabels: Record<RegistryWire, string> = {
  gsr: 'GSR header (what AWS serializers read)',
  'gsr-zlib': 'GSR header, body compressed with zlib',
  confluent: 'Confluent header (magic byte and schema id)',
  raw: 'No header: the bare encoded value',
};
/** The framings each registry's schemas can be written in: GSR's carries a Glue version id, Confluent's a registry id. */
const wiresOf: Record<'glue' | 'confluent', RegistryWire[]> = { glue: ['gsr', 'gsr-zlib', 'raw'], confluent: ['confluent', 'raw'] };

/** The put editor's "encode with a schema" fields: which schema, its version, the Protobuf message and the wire format. */
export function SchemaFields({ choice }: { choice: ReturnType<typeof useSchemaChoice> }) {
  const f = choice.fields;
  // Offered only when the connection names a Confluent-compatible registry: main would refuse it otherwise.
  const confluentHost = useAppStore((s) => s.connection?.schemaRegistry);
  const registry = f.mode === 'glue' || f.mode === 'confluent' ? f.mode : null;
  const schemas = useAppStore((s) => (registry ? s.registrySchemas[registrySchemasKey(selectConnectionKey(s), registry)] : undefined));
  const load = useAppStore((s) => s.loadRegistrySchemas);
  // Listed once the registry is chosen, not for every put that sends plain data.
  useEffect(() => {
    if (registry && !schemas) void load(registry);
  }, [registry, schemas, load]);
  const modes = (Object.keys(modeLabels) as SchemaMode[]).filter((mode) => mode !== 'confluent' || confluentHost);
  const registryName =
    registry === 'confluent' ? `The Confluent registry at ${confluentHost ?? ''}` : "The connection's Glue Schema Registry";

  return (
    <>
      <fieldset className="radio-group">
        <legend className="field__label">Encode with a schema</legend>
        {modes.map((mode) => (
          <label key={mode} className="radio">
            <input type="radio" name="put-schema-mode" checked={f.mode === mode} onChange={() => f.setMode(mode)} />
            {modeLabels[mode]}
          </label>
        ))}
      </fieldset>
      {f.mode === 'binding' && (
        <p className="muted">The data is written as the bound file encodes it, with no header (the file names no registry version).</p>
      )}
      {registry && schemas?.status === 'loading' && <LoadingState label="Listing the registry's schemas" />}
      {registry && schemas?.status === 'error' && (
        <ErrorState title="The schemas cannot be listed" message={schemas.error.message} onRetry={() => void load(registry)} />
      )}
      {registry && schemas?.status === 'ok' && schemas.data.schemas.length === 0 && (
        <p className="muted" role="status">
          {registryName} has no schemas.
        </p>
      )}
      {registry && schemas?.status === 'ok' && schemas.data.schemas.length > 0 && (
        <>
          <Field
            label={registry === 'confluent' ? 'Subject' : 'Schema'}
            error={f.schema ? undefined : (choice.errors.schema ?? undefined)}
            {...(schemas.data.truncated ? { hint: 'The first 500 schemas are listed.' } : {})}
          >
            {(props) => (
              <select {...props} className="select mono" value={f.schema} onChange={(e) => f.setSchema(e.target.value)}>
                <option value="">{registry === 'confluent' ? 'Choose a subject…' : 'Choose a schema…'}</option>
                {schemas.data.schemas.map(({ registry: from, name }) => {
                  // A Confluent subject is named alone: the registry is the connection's own.
                  const value = registry === 'confluent' ? name : `${from}/${name}`;
                  return (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  );
                })}
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
                {wiresOf[registry].map((wire) => (
                  <option key={wire} value={wire}>
                    {wireLabels[wire]}
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
