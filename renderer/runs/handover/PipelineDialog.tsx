import { useState } from 'react';
import { pipelineEngines, type PipelineEngineName, type RunSummary } from '../../../shared/contract';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { TextField } from '../../ui/TextField';
import { AssetPreview } from './AssetPreview';
import { usePipelineHandOver } from './usePipelineHandOver';

const engineWords: Record<PipelineEngineName, string> = {
  firehose: 'Amazon Data Firehose',
  flink: 'Managed Service for Apache Flink',
  spark: 'Spark Structured Streaming',
};

/**
 * "Continue on a managed engine…": the run's stream, decoding, columns and partitioning handed to
 * Firehose, Flink or Spark from a start time T, previewed, then written to a folder with the
 * cutover steps. What an engine cannot do is refused with the reason, not generated.
 */
export function PipelineDialog({ run, onClose }: { run: RunSummary; onClose(): void }) {
  const handOver = usePipelineHandOver(run);
  const { values, set, assets, error, busy, taken, written } = handOver;
  const [selected, setSelected] = useState<string | null>(null);
  const cutover = assets?.assets.find((a) => a.path === 'CUTOVER.txt');
  return (
    <Dialog title="Continue on a managed engine" onClose={onClose}>
      <p>
        The engine reads <strong className="mono">{run.stream}</strong> from a time T; this run covers what came before. Columns, format and
        partitions come from <span className="mono">{run.folder}</span>.
      </p>
      <form
        className="form-grid"
        aria-label="Hand-over"
        onSubmit={(event) => {
          event.preventDefault();
          setSelected(null);
          void handOver.preview();
        }}
      >
        <fieldset className="radio-group">
          <legend className="field__label">Engine</legend>
          {pipelineEngines.map((engine) => (
            <label key={engine} className="radio">
              <input type="radio" name="engine" checked={values.engine === engine} onChange={() => set('engine', engine)} />
              {engineWords[engine]}
            </label>
          ))}
        </fieldset>
        <TextField
          label="Engine output (S3 prefix)"
          hint="Where the engine writes, e.g. s3://my-bucket/orders-engine/"
          mono
          value={values.prefix}
          onChange={(value) => set('prefix', value)}
          placeholder="s3://my-bucket/orders-engine/"
          spellCheck={false}
          data-autofocus
        />
        <TextField
          label="Start time T"
          hint="ISO-8601; empty: now"
          value={values.startAt}
          onChange={(value) => set('startAt', value)}
          placeholder="2026-12-06T10:00:00Z"
        />
        <TextField
          label="Overlap margin (minutes)"
          hint="The run must reach T plus this; the dedupe queries remove the overlap"
          type="number"
          value={values.marginMinutes}
          onChange={(value) => set('marginMinutes', value)}
        />
        <Field
          label="Record encoding"
          hint="How the stream's records are written: as the run read them unless you say; a Glue Schema Registry encoding limits the engines"
        >
          {(a11y) => (
            <select
              {...a11y}
              className="select"
              value={values.encoding}
              onChange={(e) => set('encoding', e.target.value as typeof values.encoding)}
            >
              <option value="">As the run read them</option>
              <option value="json">JSON</option>
              <option value="avro">Avro (Glue Schema Registry)</option>
              <option value="protobuf">Protobuf (Glue Schema Registry)</option>
            </select>
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Preview the files
          </button>
        </div>
      </form>
      {busy && <p role="status">Working…</p>}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {assets && (
        <>
          <AssetPreview assets={assets} selected={selected} onSelect={setSelected} />
          {cutover && (
            <section aria-labelledby="cutover-heading">
              <h3 id="cutover-heading">Cutover steps</h3>
              <pre className="code-block handover__text" tabIndex={0} aria-label="Text of CUTOVER.txt">
                {cutover.text}
              </pre>
            </section>
          )}
          <form
            className="form-grid"
            aria-label="Write the files"
            onSubmit={(event) => {
              event.preventDefault();
              void handOver.write(false);
            }}
          >
            <Field label="Write them to folder" hint="A full path on the machine running Shardscope">
              {(a11y) => (
                <input
                  {...a11y}
                  className="input mono"
                  value={values.out}
                  onChange={(e) => set('out', e.target.value)}
                  placeholder="/home/me/pipelines/orders"
                  spellCheck={false}
                />
              )}
            </Field>
            {taken && (
              <div role="alert" className="write-confirm">
                <p>{taken}</p>
                <button type="button" className="button button--danger" disabled={busy} onClick={() => void handOver.write(true)}>
                  Replace those files
                </button>
              </div>
            )}
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                Write the files
              </button>
            </div>
          </form>
          {written && (
            <p role="status">
              Wrote {written.length} files to <span className="mono">{values.out.trim()}</span>.
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}
