import { useState } from 'react';
import { StreamCombobox } from '../ui/picker/StreamCombobox';
import { useApi, useAppStore } from '../state/store';
import { messageOf, unwrap } from '../api/api-error';
import { Field } from '../ui/Field';
import { RunConnectionNote } from './RunConnectionNote';
import { buildSpec, type EndType, type FromType, type PartitionChoice, type useRunForm } from './useRunForm';
import { TextField } from '../ui/TextField';
import { RunOutputFields } from './RunOutputFields';

const starts: { type: FromType; label: string }[] = [
  { type: 'TRIM_HORIZON', label: 'Oldest kept record' },
  { type: 'LATEST', label: 'Latest (from now on)' },
  { type: 'AT_TIMESTAMP', label: 'At a time' },
];
const ends: { type: EndType; label: string }[] = [
  { type: 'caught-up', label: 'Caught up (the tip as each shard stood)' },
  { type: 'time', label: 'At a time' },
  { type: 'count', label: 'After a number of records' },
  { type: 'follow', label: 'Follow (until stopped)' },
];

/** What to bring in, from where, to where: the form that starts (or resumes) a run. */
export function RunForm({ form, running }: { form: ReturnType<typeof useRunForm>; running: boolean }) {
  const api = useApi();
  const start = useAppStore((s) => s.startRun);
  const host = useAppStore((s) => s.host);
  const setPermissionStream = useAppStore((s) => s.setPermissionStream);
  const setPermissionS3 = useAppStore((s) => s.setPermissionS3);
  const goTo = useAppStore((s) => s.goTo);
  const { values, set } = form;
  // Main says what its runtime can write: an option it lacks (zstd on an older Node) is not offered.
  const supported = useAppStore((s) => s.compressions)?.[values.format] ?? [];
  const [error, setError] = useState<string | null>(null);

  const chooseFolder = async () => {
    try {
      const { folder } = await unwrap(api.runs.chooseFolder());
      if (folder) set('folder', folder);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <form
      className="panel form"
      aria-label="Start a run"
      onSubmit={(event) => {
        event.preventDefault();
        const built = buildSpec(values);
        if ('error' in built) return setError(built.error);
        setError(null);
        void start(built.spec, values.resume, values.connection);
      }}
    >
      <div className="form__grid">
        <div className="field">
          <StreamCombobox
            label="Stream"
            visibleLabel
            value={values.stream}
            onChange={(name) => set('stream', name)}
            placeholder="choose a stream"
          />
        </div>
        <Field label="Start">
          {(a11y) => (
            <select {...a11y} className="select" value={values.from} onChange={(e) => set('from', e.target.value as FromType)}>
              {starts.map((s) => (
                <option key={s.type} value={s.type}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {values.from === 'AT_TIMESTAMP' && (
          <TextField
            label="Start time"
            hint="ISO-8601, or relative like -15m"
            value={values.fromTime}
            onChange={(value) => set('fromTime', value)}
          />
        )}
        <Field label="End">
          {(a11y) => (
            <select {...a11y} className="select" value={values.until} onChange={(e) => set('until', e.target.value as EndType)}>
              {ends.map((s) => (
                <option key={s.type} value={s.type}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {values.until === 'time' && (
          <TextField
            label="End time"
            hint="Records that arrived at or before it"
            value={values.untilTime}
            onChange={(value) => set('untilTime', value)}
            placeholder="2026-11-28T10:15:00Z"
          />
        )}
        {values.until === 'count' && (
          <TextField label="Records" value={values.count} onChange={(value) => set('count', value)} type="number" />
        )}
        {values.until === 'follow' && (
          <TextField
            label="Close a file every (minutes)"
            hint="Complete files keep appearing"
            value={values.rollEveryMinutes}
            onChange={(value) => set('rollEveryMinutes', value)}
            type="number"
            placeholder="5"
          />
        )}
      </div>
      <div className="form__grid">
        <Field label="Format">
          {(a11y) => (
            <select
              {...a11y}
              className="select"
              value={values.format}
              onChange={(e) => form.setValues((v) => ({ ...v, format: e.target.value as typeof v.format, compression: 'default' }))}
            >
              <option value="jsonl">JSON Lines</option>
              <option value="csv">CSV (delimited)</option>
              <option value="parquet">Parquet</option>
            </select>
          )}
        </Field>
        <Field label="Compression">
          {(a11y) => (
            <select {...a11y} className="select" value={values.compression} onChange={(e) => set('compression', e.target.value)}>
              {supported.length === 0 && <option value="default">default</option>}
              {supported.map((c, i) => (
                <option key={c} value={i === 0 ? 'default' : c}>
                  {i === 0 ? `${c} (default)` : c}
                </option>
              ))}
            </select>
          )}
        </Field>
        {values.format === 'csv' && (
          <TextField
            label="Delimiter"
            hint="One character; \t for tab"
            mono
            value={values.delimiter}
            onChange={(value) => set('delimiter', value)}
          />
        )}
        <TextField label="Roll files at (MiB)" value={values.maxFileMiB} onChange={(value) => set('maxFileMiB', value)} type="number" />
        <TextField
          label="Records a second at most"
          hint="Empty: as fast as the read budget allows"
          value={values.rate}
          onChange={(value) => set('rate', value)}
          type="number"
        />
      </div>
      <div className="form__grid">
        <Field label="Partition files by" hint="Hive-style folders: dt=…/hour=… or field=value">
          {(a11y) => (
            <select
              {...a11y}
              className="select"
              value={values.partitionBy}
              onChange={(e) => set('partitionBy', e.target.value as PartitionChoice)}
            >
              <option value="none">No partitions (one folder)</option>
              <option value="arrival:hour">Arrival hour (UTC)</option>
              <option value="arrival:day">Arrival day (UTC)</option>
              <option value="field">A field of each record</option>
            </select>
          )}
        </Field>
        {values.partitionBy === 'field' && (
          <TextField
            label="Partition field"
            hint="A top-level field of each JSON record (after the mapping); missing values go to __HIVE_DEFAULT_PARTITION__"
            mono
            value={values.partitionField}
            onChange={(value) => set('partitionField', value)}
            placeholder="region"
          />
        )}
      </div>
      <Field label="Mapping (JSONata, optional)" hint='Reshapes each JSON record on the way, e.g. { "id": orderId, "total": total.amount }'>
        {(a11y) => (
          <textarea
            {...a11y}
            className="input mono"
            rows={2}
            value={values.map}
            onChange={(e) => set('map', e.target.value)}
            spellCheck={false}
          />
        )}
      </Field>
      <RunOutputFields
        form={form}
        canChoose={host === 'electron'}
        onChoose={() => void chooseFolder()}
        onCheckPermissions={() => {
          setPermissionStream(values.stream.trim());
          setPermissionS3({ to: values.folder.trim(), sse: values.sse, kmsKeyId: values.kmsKeyId });
          goTo('permissions');
        }}
      />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <RunConnectionNote values={values} onUseCurrent={() => form.setValues((v) => ({ ...v, connection: null, connectionGone: null }))} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={running || values.connectionGone !== null}>
          {values.resume ? 'Resume run' : 'Start run'}
        </button>
      </div>
    </form>
  );
}
